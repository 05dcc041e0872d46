// The private Postgres cluster fixture.
#include "tests/support/postgres_server.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace atelier::testing {
namespace {

// Postgres refuses to run as root; the Debian package creates this user.
constexpr const char* postgres_user = "postgres";
constexpr int start_timeout_ms = 30000;

}  // namespace

std::string postgres_bin_dir() {
  std::filesystem::path best;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    auto candidate = entry.path() / "bin";
    if (std::filesystem::exists(candidate / "initdb") && candidate > best) best = candidate;
  }
  if (best.empty())
    throw std::runtime_error("PostgreSQL server binaries not found (apt-get install postgresql)");
  return best.string();
}

postgres_server::postgres_server() {
  give_to_user(root_.path().string(), postgres_user);
  auto data_dir = (root_.path() / "data").string();
  auto log_file = (root_.path() / "server.log").string();
  int rc = run_command({postgres_bin_dir() + "/initdb", "-D", data_dir, "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"},
                       log_file, postgres_user);
  if (rc != 0) throw std::runtime_error("initdb failed:\n" + log());
  port_ = free_port();
  start();
}

postgres_server::~postgres_server() {
  stop();
}

void postgres_server::start() {
  auto data_dir = (root_.path() / "data").string();
  auto log_file = (root_.path() / "server.log").string();
  server_ = std::make_unique<child_process>(
      std::vector<std::string>{
          postgres_bin_dir() + "/postgres", "-D", data_dir, "-p", std::to_string(port_), "-c",
          "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + root_.path().string(),
          "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
          "max_connections=200", "-c", "shared_preload_libraries=pg_stat_statements"},
      log_file, postgres_user);
  if (!wait_for_port(port_, start_timeout_ms))
    throw std::runtime_error("postgres did not start:\n" + log());
  // Accepting TCP is not the same as accepting logins during recovery; wait for a real login.
  for (int attempt = 0;; ++attempt) {
    try {
      pqxx::connection probe(url());
      return;
    } catch (const std::exception& error) {
      if (attempt > 200)
        throw std::runtime_error(std::string("postgres login failed: ") + error.what());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

void postgres_server::stop() {
  // SIGINT is Postgres's fast shutdown: abort sessions, checkpoint, exit.
  if (server_) server_->signal(SIGINT);
  if (server_) server_->stop(10000);
  server_.reset();
}

std::string postgres_server::url(const std::string& database) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + database;
}

std::string postgres_server::create_database() {
  std::string name = "test_" + std::to_string(++next_database_);
  pqxx::connection admin(url());
  pqxx::nontransaction work(admin);
  work.exec("DROP DATABASE IF EXISTS " + work.quote_name(name));
  work.exec("CREATE DATABASE " + work.quote_name(name));
  return url(name);
}

std::string postgres_server::log() const {
  return read_file_text(root_.path() / "server.log");
}

}  // namespace atelier::testing
