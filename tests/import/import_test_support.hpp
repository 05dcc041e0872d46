// Helpers shared by the importer suites: one Postgres cluster per binary, running imports and
// queries.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <pqxx/pqxx>
#include <string>

#include "import/import_pipeline.hpp"
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

/// Runs an import in-process, progress lines discarded; throws import::import_error on failure.
inline import::import_summary import_into(const std::string& database_url,
                                          const std::string& data_dir,
                                          const std::string& rejects_path) {
  import::import_options options;
  options.data_dir = data_dir;
  options.database_url = database_url;
  options.rejects_path = rejects_path;
  std::FILE* sink = std::fopen("/dev/null", "w");
  try {
    auto summary = import::run_import(options, sink);
    std::fclose(sink);
    return summary;
  } catch (...) {
    std::fclose(sink);
    throw;
  }
}

/// The single text value of a one-row, one-column query ("" for NULL).
inline std::string query_text(const std::string& database_url, const std::string& sql) {
  pqxx::connection connection(database_url);
  pqxx::read_transaction work(connection);
  auto field = work.exec1(sql)[0];
  return field.is_null() ? std::string() : field.as<std::string>();
}

/// Exit status and combined output of a shell command.
struct command_result {
  int exit_code = -1;
  std::string output;
};

inline command_result run_shell(const std::string& command) {
  command_result result;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char chunk[4096];
  while (std::size_t got = std::fread(chunk, 1, sizeof chunk, pipe))
    result.output.append(chunk, got);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace atelier::testing
