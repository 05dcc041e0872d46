// Fixture implementations of the metrics suite: Postgres, generated data, service, parsing.
#include "tests/metrics/metrics_fixture.hpp"

#include "tests/support/dataset_import.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <regex>
#include <sstream>

#include "import/generator/catalog_generator.hpp"
#include "import/import_pipeline.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

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
  auto response = fetch(port, target);
  if (!response) return {};
  return {response->result_int(), header_of(*response, "Content-Type"), response->body()};
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
