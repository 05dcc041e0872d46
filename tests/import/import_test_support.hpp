// Helpers shared by the importer suites: one Postgres cluster per binary, running imports and
// queries.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <pqxx/pqxx>
#include <string>

#include "import/import_pipeline.hpp"
#include "tests/support/dataset_import.hpp"
#include "tests/support/postgres_server.hpp"

namespace atelier::testing {

/// The cluster shared by every test of this binary (started on first use).
inline postgres_server& import_postgres() {
  static postgres_server server;
  return server;
}

/// Path of a fixture directory under tests/import/testdata.
inline std::string import_testdata(const std::string& name) {
  return std::string(ATELIER_IMPORT_TESTDATA) + "/" + name;
}

/// The single text value of a one-row, one-column query ("" for NULL).
inline std::string query_text(const std::string& database_url, const std::string& sql) {
  pqxx::connection connection(database_url);
  pqxx::read_transaction work(connection);
  auto field = work.exec1(sql)[0];
  return field.is_null() ? std::string() : field.as<std::string>();
}

}  // namespace atelier::testing
