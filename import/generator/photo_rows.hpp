// Writes photos.csv, the largest file, including its malformed rows.
#pragma once

#include <filesystem>

#include "import/generator/catalog_plan.hpp"
#include "import/generator/generation_tally.hpp"

namespace atelier::generator {

/// Writes photos.csv for `plan` into `out_dir`; returns its row and defect counts. Throws
/// std::runtime_error on I/O failure. Reads `plan` only (safe to run concurrently).
generation_tally write_photo_rows(const catalog_plan& plan, const std::filesystem::path& out_dir);

}  // namespace atelier::generator
