// Test fixture: a private PostgreSQL cluster (initdb in a temp dir) listening on a free loopback
// port.
#pragma once

#include <memory>
#include <string>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {

/// A real Postgres server for one test binary. Throws std::runtime_error with the server log
/// when initdb or start-up fails. Not thread-safe; create databases from the test thread.
class postgres_server {
 public:
  postgres_server();
  ~postgres_server();
  postgres_server(const postgres_server&) = delete;
  postgres_server& operator=(const postgres_server&) = delete;

  int port() const { return port_; }
  /// libpq connection string for database (keyword=value form).
  std::string url(const std::string& database = "postgres") const;
  /// Creates a fresh, uniquely named empty database and returns its connection string.
  std::string create_database();
  /// Stops the server (fast shutdown) keeping its data; start() brings it back on the same port.
  void stop();
  void start();
  /// Contents of the server log, for failure messages.
  std::string log() const;

 private:
  temp_dir root_{"atelier-pg"};
  int port_ = 0;
  int next_database_ = 0;
  std::unique_ptr<child_process> server_;
};

/// Directory holding initdb/postgres (newest /usr/lib/postgresql/N/bin); throws if none.
std::string postgres_bin_dir();

}  // namespace atelier::testing
