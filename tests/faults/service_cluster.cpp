// Brings the fault suite's world up and down: generate, import, start memcached, start the
// service binary and wait until it answers /readyz.
#include "tests/faults/service_cluster.hpp"

#include <dirent.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "import/generator/catalog_generator.hpp"
#include "tests/support/dataset_import.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

// Generous for a loaded 2-core machine: start-up includes migrations and the first connections.
constexpr std::chrono::milliseconds ready_timeout{15000};

}  // namespace

service_cluster::service_cluster(cluster_options options) : options_(std::move(options)) {
  generator::generator_options generate;
  generate.out_dir = data_.path() / "catalog";
  generate.products = static_cast<std::uint32_t>(options_.products);
  generator::generate_catalog(generate);
  database_url_ = postgres_.create_database();
  import_quietly(database_url_, generate.out_dir.string(), (data_.path() / "rejects.csv").string());
  for (int i = 0; i < options_.memcached_nodes; ++i)
    memcached_.push_back(std::make_unique<memcached_server>());
  port_ = static_cast<unsigned short>(free_port());
  start_service();
}

service_cluster::~service_cluster() {
  if (service_) service_->stop(3000);
}

void service_cluster::start_service() {
  std::vector<std::string> argv{ATELIER_SERVICE_BINARY, "--host",         "127.0.0.1",  "--port",
                                std::to_string(port_),  "--database-url", database_url_};
  for (const auto& node : memcached_) argv.insert(argv.end(), {"--memcached", node->address()});
  argv.insert(argv.end(), options_.extra_flags.begin(), options_.extra_flags.end());
  service_ = std::make_unique<child_process>(argv, (data_.path() / "service.log").string());
  const bool ready = eventually(
      [&] {
        auto answer = fetch(port_, "/readyz", "GET", {}, std::chrono::milliseconds(500));
        return answer && answer->result_int() == 200;
      },
      ready_timeout);
  if (!ready) throw std::runtime_error("atelier-service did not become ready:\n" + service_log());
}

void service_cluster::restart_service() {
  if (service_) service_->stop(3000);
  service_.reset();
  start_service();
}

std::string service_cluster::service_log() const {
  return read_file_text(data_.path() / "service.log");
}

long service_cluster::service_rss_kib() const {
  std::ifstream status("/proc/" + std::to_string(service_->pid()) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

long service_cluster::service_open_fds() const {
  const std::string path = "/proc/" + std::to_string(service_->pid()) + "/fd";
  DIR* dir = ::opendir(path.c_str());
  if (!dir) return -1;
  long count = 0;
  while (const dirent* entry = ::readdir(dir))
    if (entry->d_name[0] != '.') ++count;
  ::closedir(dir);
  return count;
}

}  // namespace atelier::testing
