// atelier-service: parses config, checks Postgres, applies migrations, serves until SIGTERM.
#include <iostream>
#include <pqxx/pqxx>
#include <string>

#include "service/service_config.hpp"
#include "service/service_runtime.hpp"
#include "storage/migrations.hpp"

namespace {

// libpq messages span several lines ("...\n\tIs the server running..."); start-up failures must
// stay one clear line.
std::string one_line(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (char& c : message)
    if (c == '\n' || c == '\t') c = ' ';
  return message;
}

// Fail fast: a service that cannot reach its database at start-up is misconfigured, not unlucky.
bool prepare_database(const std::string& database_url) {
  try {
    pqxx::connection connection(database_url);
    atelier::apply_migrations(connection);
    pqxx::read_transaction work(connection);
    auto rows = work.exec("SELECT version, layout_version FROM atelier_meta.dataset");
    if (rows.empty()) {
      std::cerr << "atelier-service: warning: no data set imported yet; /readyz stays 503 until "
                   "atelier-import runs\n";
    } else if (rows[0][1].as<int>() != atelier::dataset_layout_version) {
      std::cerr << "atelier-service: data set layout " << rows[0][1].as<int>()
                << " does not match this build's layout " << atelier::dataset_layout_version
                << "; re-run atelier-import\n";
      return false;
    }
    return true;
  } catch (const std::exception& error) {
    std::cerr << "atelier-service: cannot use the database: " << one_line(error.what()) << '\n';
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto config = atelier::parse_service_config(argc, argv, exit_code);
  if (!config) return exit_code;
  if (!prepare_database(config->database_url)) return 1;
  try {
    atelier::service_runtime runtime(*config);
    runtime.start();
    std::cerr << "atelier-service: listening on " << config->listen_host << ':' << runtime.port()
              << " with " << config->pool_size << " query actors\n";
    runtime.run_until_signal();
  } catch (const std::exception& error) {
    std::cerr << "atelier-service: " << error.what() << '\n';
    return 1;
  }
  std::cerr << "atelier-service: stopped\n";
  return 0;
}
