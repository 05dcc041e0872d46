// Fixture implementations of the metrics suite: Postgres, generated data, service, client, parsing.
#include "tests/metrics/metrics_fixture.hpp"

#include "tests/support/dataset_import.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <regex>
#include <sstream>

#include "import/generator/catalog_generator.hpp"
#include "import/import_pipeline.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

constexpr int client_timeout_seconds = 5;

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// Parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\nbody" (Connection: close, no chunking).
http_reply parse_reply(const std::string& raw) {
  http_reply reply;
  auto header_end = raw.find("\r\n\r\n");
  if (raw.compare(0, 5, "HTTP/") != 0 || header_end == std::string::npos) return reply;
  reply.status = static_cast<unsigned>(std::stoi(raw.substr(raw.find(' ') + 1, 3)));
  std::istringstream headers(raw.substr(0, header_end));
  std::string line;
  while (std::getline(headers, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (lower(line.substr(0, colon)) == "content-type") {
      reply.content_type = line.substr(colon + 2);
      if (!reply.content_type.empty() && reply.content_type.back() == '\r')
        reply.content_type.pop_back();
    }
  }
  reply.body = raw.substr(header_end + 4);
  return reply;
}

/// The whole test binary shares one cluster, one data set and one service.
struct metrics_world {
  postgres_server postgres;
  temp_dir data{"atelier-metrics-data"};
  std::string database_url;
  std::unique_ptr<service_runtime> runtime;

  metrics_world() {
    generator::generator_options generate;
    generate.out_dir = data.path() / "catalog";
    generate.products = metrics_products;
    generator::generate_catalog(generate);
    database_url = postgres.create_database();
    import_quietly(database_url, generate.out_dir.string(), (data.path() / "rejects.csv").string());
    service_config config;
    config.listen_host = "127.0.0.1";
    config.listen_port = 0;
    config.database_url = database_url;
    config.pool_size = 2;
    config.ingress_actors = 1;
    runtime = std::make_unique<service_runtime>(config);
    runtime->start();
  }
};

std::unique_ptr<metrics_world>& world_slot() {
  static std::unique_ptr<metrics_world> world;
  return world;
}

/// Stops the service and Postgres after the last test, while the process is still whole: an
/// actor system torn down by static destructors at exit aborts in ~actor_system.
class metrics_environment : public ::testing::Environment {
 public:
  void TearDown() override { world_slot().reset(); }
};

const auto* const registered_environment =
    ::testing::AddGlobalTestEnvironment(new metrics_environment);

}  // namespace

http_reply http_get(unsigned short port, const std::string& target) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  timeval timeout{client_timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string raw;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char chunk[8192];
      ssize_t got = 0;
      while ((got = ::recv(fd, chunk, sizeof chunk, 0)) > 0) raw.append(chunk, got);
    }
  }
  ::close(fd);
  return parse_reply(raw);
}

service_runtime& metrics_service() {
  auto& world = world_slot();
  if (!world) world = std::make_unique<metrics_world>();
  return *world->runtime;
}

const std::string& metrics_database_url() {
  metrics_service();
  return world_slot()->database_url;
}

double sample_value(const std::string& text, const std::string& name,
                    const std::map<std::string, std::string>& labels) {
  static const std::regex label_re(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")re");
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto name_end = line.find_first_of("{ ");
    if (line.compare(0, name_end, name) != 0 || name_end != name.size()) continue;
    std::map<std::string, std::string> found;
    auto value_start = name_end;
    if (line[name_end] == '{') {
      auto close = line.find('}', name_end);
      std::string label_text = line.substr(name_end + 1, close - name_end - 1);
      for (std::sregex_iterator it(label_text.begin(), label_text.end(), label_re), end; it != end;
           ++it)
        found[(*it)[1]] = (*it)[2];
      value_start = close + 1;
    }
    if (found == labels) return std::stod(line.substr(value_start));
  }
  return 0;
}

bool ensure_installed(const std::string& program, const std::string& package) {
  if (run_shell("command -v " + program).exit_code == 0) return true;
  run_shell("DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + package);
  return run_shell("command -v " + program).exit_code == 0;
}

}  // namespace atelier::testing
