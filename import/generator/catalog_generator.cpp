// Runs the row writers on two threads, merges their tallies and writes manifest.json.
#include "import/generator/catalog_generator.hpp"

#include <chrono>
#include <fstream>
#include <future>
#include <stdexcept>

#include "import/generator/catalog_plan.hpp"
#include "import/generator/photo_rows.hpp"
#include "import/generator/product_rows.hpp"
#include "import/generator/style_rows.hpp"

namespace atelier::generator {
namespace {

constexpr int manifest_format_version = 1;
constexpr std::string_view manifest_name = "manifest.json";

void write_manifest(const std::filesystem::path& out_dir, const nlohmann::json& manifest) {
  const auto path = out_dir / std::string(manifest_name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << manifest.dump(2) << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::uint64_t total_defects(const generation_tally& tally) {
  std::uint64_t total = 0;
  for (const auto count : tally.defects) total += count;
  return total;
}

nlohmann::json make_manifest(const generation_report& report) {
  nlohmann::json rows = nlohmann::json::object();
  for (std::size_t f = 0; f < output_file_count; ++f) {
    rows[std::string(file_names[f])] = report.tally.rows[f];
  }
  nlohmann::json defects = nlohmann::json::object();
  for (std::size_t d = 0; d < defect_kind_count; ++d) {
    const auto& info = defect_infos[d];
    defects[std::string(file_name(info.file))][std::string(info.key)] = report.tally.defects[d];
  }
  return nlohmann::json{{"format_version", manifest_format_version},
                        {"seed", report.seed},
                        {"products", report.products},
                        {"max_product_id", report.max_product_id},
                        {"rows", rows},
                        {"defects", defects},
                        {"defects_total", total_defects(report.tally)}};
}

generation_report generate_catalog(const generator_options& options) {
  if (options.products == 0) throw std::invalid_argument("products must be at least 1");
  const auto started = std::chrono::steady_clock::now();
  std::filesystem::create_directories(options.out_dir);
  const catalog_plan plan = make_catalog_plan(options.products, options.seed);

  // photos.csv is about as many bytes as the other five files together, so it gets its own thread.
  auto photos = std::async(std::launch::async,
                           [&plan, &options] { return write_photo_rows(plan, options.out_dir); });
  generation_report report;
  try {
    report.tally.merge(write_product_rows(plan, options.out_dir));
    report.tally.merge(write_style_rows(plan, options.out_dir));
  } catch (...) {
    photos.wait();  // never leave the thread running against a plan about to be destroyed
    throw;
  }
  report.tally.merge(photos.get());

  report.seed = options.seed;
  report.products = options.products;
  report.max_product_id = plan.max_product_id;
  write_manifest(options.out_dir, make_manifest(report));
  report.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace atelier::generator
