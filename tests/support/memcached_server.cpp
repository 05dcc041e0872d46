// The memcached node fixture.
#include "tests/support/memcached_server.hpp"

#include <signal.h>

#include <stdexcept>

namespace atelier::testing {
namespace {

// memcached refuses to run as root unless told which user to become.
constexpr const char* memcached_user = "nobody";
constexpr int start_timeout_ms = 10000;

}  // namespace

memcached_server::memcached_server(int memory_mb) : port_(free_port()), memory_mb_(memory_mb) {
  start();
}

std::string memcached_server::address() const {
  return "127.0.0.1:" + std::to_string(port_);
}

void memcached_server::start() {
  process_ = std::make_unique<child_process>(std::vector<std::string>{
      "memcached", "-l", "127.0.0.1", "-p", std::to_string(port_), "-U", "0", "-m",
      std::to_string(memory_mb_), "-c", "4096", "-u", memcached_user});
  if (!wait_for_port(port_, start_timeout_ms))
    throw std::runtime_error("memcached did not start on port " + std::to_string(port_));
}

void memcached_server::kill() {
  process_->signal(SIGKILL);
  process_->stop(1000);
}

void memcached_server::freeze() {
  process_->signal(SIGSTOP);
}
void memcached_server::thaw() {
  process_->signal(SIGCONT);
}

void memcached_server::restart() {
  process_->stop(2000);
  start();
}

bool memcached_server::running() {
  return process_->running();
}

}  // namespace atelier::testing
