// The atelier-generate command: parses the CLI, generates the data set and prints a summary.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "import/generator/catalog_generator.hpp"

namespace {

using atelier::generator::generation_report;

void print_summary(const generation_report& report) {
  namespace gen = atelier::generator;
  std::uint64_t total_rows = 0;
  std::printf("wrote %u products (max id %u), seed %llu\n", report.products, report.max_product_id,
              static_cast<unsigned long long>(report.seed));
  for (std::size_t f = 0; f < gen::output_file_count; ++f) {
    total_rows += report.tally.rows[f];
    std::printf("  %-13s %12llu rows\n", std::string(gen::file_names[f]).c_str(),
                static_cast<unsigned long long>(report.tally.rows[f]));
  }
  std::printf("deliberate defects (%llu rows):\n",
              static_cast<unsigned long long>(gen::total_defects(report.tally)));
  for (std::size_t d = 0; d < gen::defect_kind_count; ++d) {
    const auto& info = gen::defect_infos[d];
    std::printf("  %-13s %-22s %8llu\n", std::string(gen::file_name(info.file)).c_str(),
                std::string(info.key).c_str(),
                static_cast<unsigned long long>(report.tally.defects[d]));
  }
  const double seconds = report.elapsed_seconds > 0 ? report.elapsed_seconds : 1e-9;
  std::printf("%llu rows in %.2f s (%.0f rows/s)\n", static_cast<unsigned long long>(total_rows),
              report.elapsed_seconds, static_cast<double>(total_rows) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  atelier::generator::generator_options options;
  std::string out_dir;
  CLI::App app{"Writes a deterministic Atelier sample data set (six CSV files and manifest.json)."};
  app.add_option("--out", out_dir, "Output directory (created if missing)")->required();
  app.add_option("--products", options.products, "Number of product rows (full scale: 1000011)")
      ->check(CLI::Range(1u, 2'000'000'000u));
  app.add_option("--seed", options.seed, "PRNG seed; same seed and products give identical bytes");
  CLI11_PARSE(app, argc, argv);
  options.out_dir = out_dir;
  try {
    print_summary(atelier::generator::generate_catalog(options));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "atelier-generate: %s\n", error.what());
    return 1;
  }
  return 0;
}
