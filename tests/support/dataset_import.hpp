// Test helper: runs the real importer in-process, quietly, so suites can load a data set in one
// call.
#pragma once

#include <string>

#include "import/import_pipeline.hpp"

namespace atelier::testing {

/// Imports the six CSVs in data_dir into database_url with progress output discarded.
/// Throws import::import_error (or pqxx errors) exactly as atelier-import would fail.
import::import_summary import_quietly(const std::string& database_url, const std::string& data_dir,
                                      const std::string& rejects_path);

}  // namespace atelier::testing
