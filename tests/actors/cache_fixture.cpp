// The cache-layer fixtures: Postgres, generated catalogs, cache stacks and request bursts.
#include "tests/actors/cache_fixture.hpp"

#include <cstdio>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "actors/query_pool.hpp"
#include "import/generator/catalog_generator.hpp"
#include "tests/support/dataset_import.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

constexpr std::uint32_t catalog_products = 200;
constexpr auto request_budget = std::chrono::seconds(5);
constexpr auto ask_timeout = std::chrono::seconds(10);

// Generated catalogs by seed, generated once per binary.
const std::string& catalog_dir(std::uint64_t seed) {
  static temp_dir root("atelier-cache-catalog");
  static std::map<std::uint64_t, std::string> dirs;
  static std::mutex guard;
  std::lock_guard<std::mutex> lock(guard);
  auto found = dirs.find(seed);
  if (found != dirs.end()) return found->second;
  generator::generator_options options;
  options.out_dir = root.path() / ("seed" + std::to_string(seed));
  options.products = catalog_products;
  options.seed = seed;
  generator::generate_catalog(options);
  return dirs[seed] = options.out_dir.string();
}

}  // namespace

postgres_server& cache_postgres() {
  static postgres_server server;
  return server;
}

void reimport_catalog(const std::string& database_url, std::uint64_t seed) {
  temp_dir rejects("atelier-cache-rejects");
  import_quietly(database_url, catalog_dir(seed), (rejects.path() / "rejects.csv").string());
}

std::string catalog_database(std::uint64_t seed) {
  auto url = cache_postgres().create_database();
  reimport_catalog(url, seed);
  return url;
}

std::vector<std::string> addresses(const std::vector<std::unique_ptr<memcached_server>>& nodes) {
  std::vector<std::string> result;
  for (const auto& node : nodes) result.push_back(node->address());
  return result;
}

std::vector<std::unique_ptr<memcached_server>> start_memcached(int count) {
  std::vector<std::unique_ptr<memcached_server>> nodes;
  for (int index = 0; index < count; ++index) nodes.push_back(std::make_unique<memcached_server>());
  return nodes;
}

cache_layer_config test_cache_config(const std::vector<std::string>& servers) {
  cache_layer_config config;
  config.memcached_servers = servers;
  config.shards = 2;
  config.l1_entries = 1000;
  return config;
}

cache_stack::cache_stack(const std::string& database_url, const cache_layer_config& config) {
  config_.set("scheduler.max-threads", 2);
  system_ = std::make_unique<caf::actor_system>(config_);
  query_pool_config pool_config;
  pool_config.database_url = database_url;
  pool_config.workers = 4;
  pool_config.max_queued = 4096;
  pool_ = system_->spawn(query_pool, pool_config);
  front_ = spawn_cache_layer(*system_, pool_, config).front;
}

cache_stack::~cache_stack() {
  caf::anon_send_exit(front_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(pool_, caf::exit_reason::user_shutdown);
  system_->await_all_actors_done();
}

cache_snapshot cache_stack::cache_counters() {
  caf::scoped_actor self{*system_};
  cache_snapshot result;
  self->request(front_, ask_timeout, snapshot_atom::value)
      .receive([&](cache_snapshot& snapshot) { result = std::move(snapshot); },
               [&](caf::error&) {});
  return result;
}

pool_snapshot cache_stack::pool_counters() {
  caf::scoped_actor self{*system_};
  pool_snapshot result;
  self->request(pool_, ask_timeout, snapshot_atom::value)
      .receive([&](pool_snapshot& snapshot) { result = snapshot; }, [&](caf::error&) {});
  return result;
}

bool cache_stack::wait_for_version(std::int64_t above, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (cache_counters().dataset_version > above) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::vector<document_outcome> burst(caf::actor_system& system, document_source_actor source,
                                    const std::vector<document_key>& keys, std::size_t count,
                                    std::size_t senders) {
  auto results = std::make_shared<std::vector<document_outcome>>();
  auto guard = std::make_shared<std::mutex>();
  auto done = std::make_shared<std::promise<void>>();
  auto finished = done->get_future();
  auto record = [=](document_outcome outcome) {
    std::lock_guard<std::mutex> lock(*guard);
    results->push_back(std::move(outcome));
    if (results->size() == count) done->set_value();
  };
  auto deadline = deadline_clock::now() + request_budget;
  for (std::size_t sender = 0; sender < senders; ++sender)
    system.spawn([=](caf::event_based_actor* self) {
      for (std::size_t index = sender; index < count; index += senders)
        self->request(source, ask_timeout, document_request{keys[index % keys.size()], deadline})
            .then([=](document_outcome& outcome) { record(std::move(outcome)); },
                  [=](caf::error& error) {
                    record(document_outcome::failure(service_error::internal, "error",
                                                     self->system().render(error)));
                  });
    });
  finished.wait();
  std::lock_guard<std::mutex> lock(*guard);
  return *results;
}

document_outcome ask(caf::actor_system& system, document_source_actor source,
                     const document_key& key) {
  return burst(system, std::move(source), {key}, 1, 1).front();
}

std::size_t failures(const std::vector<document_outcome>& outcomes) {
  std::size_t failed = 0;
  for (const auto& outcome : outcomes)
    if (outcome.state == document_outcome::status::failed) ++failed;
  return failed;
}

}  // namespace atelier::testing
