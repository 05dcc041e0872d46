// Writes the product-keyed files: product.csv, features.csv and related.csv.
#pragma once

#include <filesystem>

#include "import/generator/catalog_plan.hpp"
#include "import/generator/generation_tally.hpp"

namespace atelier::generator {

/// Writes product.csv, features.csv and related.csv for `plan` into `out_dir`; returns their row
/// and defect counts. Throws std::runtime_error on I/O failure. Reads `plan` only, so it may run
/// concurrently with the other row writers.
generation_tally write_product_rows(const catalog_plan& plan, const std::filesystem::path& out_dir);

}  // namespace atelier::generator
