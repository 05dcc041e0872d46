// atelier-service: parses config, checks Postgres, applies migrations, serves until SIGTERM.
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
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

// Descriptors besides client connections and the Postgres and memcached sockets (counted apart):
// the listener, Asio's and CAF's epoll and eventfds, the log; with room to spare.
constexpr rlim_t reserved_descriptors = 256;

// Every connection up to --max-connections costs a descriptor; running out would make accept()
// fail with EMFILE, so the cap's 503 would never be sent and the backlog would silently fill. The
// soft limit is raised to what the configuration needs; a hard limit below it is a start-up error.
bool ensure_descriptors(const atelier::service_config& config) {
  const rlim_t needed = config.max_connections + config.pool_size +
                        config.cache_shards * config.memcached_servers.size() +
                        reserved_descriptors;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return true;  // nothing to check against
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return true;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) {
    std::cerr << "atelier-service: --max-connections " << config.max_connections << " needs "
              << needed << " open files but RLIMIT_NOFILE's hard limit is " << limit.rlim_max
              << "; raise it (ulimit -Hn, LimitNOFILE=) or lower --max-connections\n";
    return false;
  }
  limit.rlim_cur = needed;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    std::cerr << "atelier-service: cannot raise RLIMIT_NOFILE to " << needed << ": "
              << std::strerror(errno) << '\n';
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto config = atelier::parse_service_config(argc, argv, exit_code);
  if (!config) return exit_code;
  if (!ensure_descriptors(*config)) return 1;
  if (!prepare_database(config->database_url)) return 1;
  try {
    atelier::service_runtime runtime(*config);
    // Before the port opens: whoever sees it answer may already send SIGTERM.
    runtime.stop_on_signals();
    runtime.start();
    std::cerr << "atelier-service: listening on " << config->listen_host << ':' << runtime.port()
              << " with " << config->pool_size << " query actors\n";
    runtime.wait_for_shutdown();
  } catch (const std::exception& error) {
    std::cerr << "atelier-service: " << error.what() << '\n';
    return 1;
  }
  std::cerr << "atelier-service: stopped\n";
  return 0;
}
