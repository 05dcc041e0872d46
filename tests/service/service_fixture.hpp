// Fixtures of the service API suite: one Postgres per test binary, the hand-written golden data
// set imported with the real importer, and an in-process service on an ephemeral port.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "import/import_pipeline.hpp"
#include "service/service_config.hpp"
#include "service/service_runtime.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {

/// tests/service/testdata/golden: the six CSV files of the golden data set.
std::string golden_data_dir();
/// Contents of tests/service/testdata/golden/expected/<name> without its final newline.
std::string expected_json(const std::string& name);
/// created_at/updated_at timestamps replaced by "@IMPORT_TIME@", as in the expected files.
std::string mask_import_time(const std::string& body);

/// Imports the golden data set into database_url in-process (the real importer); rejected rows
/// go to a temporary file. Throws import::import_error on failure.
import::import_summary import_golden(const std::string& database_url);

/// A service config for tests: loopback, port 0, small pools.
service_config test_service_config(const std::string& database_url);

/// A database holding the golden data set and an in-process service serving it.
class golden_service {
 public:
  /// Creates a fresh database on postgres, imports the golden set, serves it with config (its
  /// database_url is replaced).
  golden_service(postgres_server& postgres, const service_config& config);
  /// Creates a fresh database on postgres, imports, and serves with test_service_config().
  explicit golden_service(postgres_server& postgres);
  unsigned short port() const { return runtime_->port(); }
  const std::string& database_url() const { return database_url_; }
  service_runtime& runtime() { return *runtime_; }

 private:
  std::string database_url_;
  std::unique_ptr<service_runtime> runtime_;
};

/// The Postgres cluster of this test binary, started on first use, stopped after the last test.
postgres_server& shared_postgres();
/// The golden service of this test binary, started on first use (tests must not stop it).
golden_service& shared_service();

}  // namespace atelier::testing
