// The fault suite's world: a real Postgres with a generated catalog imported, three real memcached
// nodes, and the atelier-service binary as a child process pointed at them. Scenarios kill,
// freeze and restart any of these and watch the service from outside, as an operator would.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/memcached_server.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {

/// How the world is built; extra_flags go to atelier-service after the generated ones.
struct cluster_options {
  int products = 2000;      ///< generated catalog size (ids 1..products)
  int memcached_nodes = 3;  ///< 0 runs the service without a ring
  std::vector<std::string> extra_flags;
};

/// Postgres + catalog + memcached ring + one service process. Throws std::runtime_error (with the
/// service log) when anything fails to come up.
class service_cluster {
 public:
  explicit service_cluster(cluster_options options = {});
  ~service_cluster();
  service_cluster(const service_cluster&) = delete;
  service_cluster& operator=(const service_cluster&) = delete;

  unsigned short port() const { return port_; }
  pid_t service_pid() const { return service_->pid(); }
  postgres_server& postgres() { return postgres_; }
  memcached_server& memcached(std::size_t index) { return *memcached_.at(index); }
  std::size_t memcached_count() const { return memcached_.size(); }
  const std::string& database_url() const { return database_url_; }
  int products() const { return options_.products; }

  /// Starts the service again with the same flags on the same port (after a crash test).
  void restart_service();
  /// The service's log so far, for failure messages.
  std::string service_log() const;
  /// VmRSS of the service process in KiB, and its open file descriptors (from /proc).
  long service_rss_kib() const;
  long service_open_fds() const;

 private:
  void start_service();

  cluster_options options_;
  postgres_server postgres_;
  temp_dir data_{"atelier-faults"};
  std::string database_url_;
  std::vector<std::unique_ptr<memcached_server>> memcached_;
  unsigned short port_ = 0;
  std::unique_ptr<child_process> service_;
};

}  // namespace atelier::testing
