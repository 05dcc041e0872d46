// Entry point of the sample-data generator: writes the six CSV files and manifest.json for a seed.
#pragma once

#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "import/generator/generation_tally.hpp"

namespace atelier::generator {

/// Default product count of `atelier-generate` (the full data set has 1,000,011).
inline constexpr std::uint32_t default_product_count = 1000;
/// Default seed of `atelier-generate`.
inline constexpr std::uint64_t default_seed = 42;

/// What to generate and where.
struct generator_options {
  std::filesystem::path out_dir;
  std::uint32_t products = default_product_count;
  std::uint64_t seed = default_seed;
};

/// What one run wrote.
struct generation_report {
  std::uint64_t seed = 0;
  std::uint32_t products = 0;
  std::uint32_t max_product_id = 0;
  generation_tally tally;
  double elapsed_seconds = 0;
};

/// Writes product.csv, features.csv, styles.csv, photos.csv, skus.csv, related.csv and
/// manifest.json into options.out_dir (created if missing). The files are byte-identical for the
/// same seed and product count. Uses two threads internally. Throws std::invalid_argument when
/// products is 0 and std::runtime_error (or std::filesystem::filesystem_error) on I/O failure.
generation_report generate_catalog(const generator_options& options);

/// The manifest.json document for `report` (no timings, so it is deterministic too).
nlohmann::json make_manifest(const generation_report& report);

/// Total deliberate defect rows in `tally`.
std::uint64_t total_defects(const generation_tally& tally);

}  // namespace atelier::generator
