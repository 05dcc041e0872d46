// Test fixture: a real memcached process on a free loopback port that tests can kill, freeze and
// restart.
#pragma once

#include <memory>
#include <string>

#include "tests/support/child_process.hpp"

namespace atelier::testing {

/// One memcached node. Throws std::runtime_error if it does not accept connections in time.
class memcached_server {
 public:
  explicit memcached_server(int memory_mb = 64);
  int port() const { return port_; }
  /// "127.0.0.1:port", the form the ring configuration takes.
  std::string address() const;
  void kill();     ///< SIGKILL, like a crashed node
  void freeze();   ///< SIGSTOP: connections hang, like a stuck node
  void thaw();     ///< SIGCONT
  void restart();  ///< start again on the same port (empty cache)
  bool running();

 private:
  void start();
  int port_ = 0;
  int memory_mb_;
  std::unique_ptr<child_process> process_;
};

}  // namespace atelier::testing
