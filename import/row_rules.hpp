// Validation of one CSV row per file (field count, ids, values, references) into one binary COPY
// tuple.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "import/id_set.hpp"
#include "import/source_files.hpp"

namespace atelier::import {

/// Ids accepted so far, one set per file: duplicates within a file and references to earlier files
/// (features/styles/related -> product, photos/skus -> styles) are checked against these.
struct loaded_ids {
  std::array<id_set, source_file_count> by_file;
  id_set& of(source_file file) { return by_file[static_cast<std::size_t>(file)]; }
  const id_set& of(source_file file) const { return by_file[static_cast<std::size_t>(file)]; }
};

/// Checks one row of `file`. On success appends it as one binary COPY tuple (one field per CSV
/// field, import/binary_copy.hpp) to `copy_tuples`, records its id in `ids` and returns an empty
/// view; otherwise leaves both unchanged and returns the rejection reason (a static string, e.g.
/// "duplicate id").
std::string_view check_row(source_file file, const std::vector<std::string_view>& fields,
                           loaded_ids& ids, std::string& copy_tuples);

}  // namespace atelier::import
