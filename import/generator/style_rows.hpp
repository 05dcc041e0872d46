// Writes the style-keyed files: styles.csv and skus.csv.
#pragma once

#include <filesystem>

#include "import/generator/catalog_plan.hpp"
#include "import/generator/generation_tally.hpp"

namespace atelier::generator {

/// Writes styles.csv and skus.csv for `plan` into `out_dir`; returns their row and defect counts.
/// Throws std::runtime_error on I/O failure. Reads `plan` only (safe to run concurrently).
generation_tally write_style_rows(const catalog_plan& plan, const std::filesystem::path& out_dir);

}  // namespace atelier::generator
