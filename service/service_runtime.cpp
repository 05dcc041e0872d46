// Start-up and shutdown order of the service's parts.
#include "service/service_runtime.hpp"

#include "actors/cache_front.hpp"
#include "actors/ingress.hpp"
#include "actors/query_pool.hpp"

namespace atelier {
namespace {

caf::actor_system_config& configure_actors(caf::actor_system_config& config,
                                           const service_config& settings) {
  config.set("scheduler.max-threads", settings.actor_threads);
  // Work sharing wakes an idle thread through a condition variable at once; CAF 0.17's work
  // stealing lets idle threads sleep in fixed relaxed intervals, which showed up as 100 ms p99
  // spikes.
  config.set("scheduler.policy", caf::atom("sharing"));
  return config;
}

http::server_config server_config_for(const service_config& settings) {
  http::server_config config;
  config.address = settings.listen_host;
  config.port = settings.listen_port;
  config.threads = static_cast<unsigned>(settings.io_threads);
  config.reuse_port = settings.reuse_port;
  config.limits.max_connections = settings.max_connections;
  config.limits.request_timeout = std::chrono::milliseconds(settings.read_timeout_ms);
  config.limits.idle_timeout = std::chrono::milliseconds(settings.idle_timeout_ms);
  config.limits.write_timeout = std::chrono::milliseconds(settings.write_timeout_ms);
  config.limits.max_header_bytes = settings.max_header_bytes;
  return config;
}

// The automatic admission budget never drops below this share of the deadline (20 ms at 1 s): a
// burst of pipelined requests is served, only a queue that would eat into the deadline is shed.
constexpr unsigned auto_queue_wait_share = 50;

cache_layer_config cache_config_for(const service_config& settings,
                                    std::shared_ptr<admission_gate> gate) {
  cache_layer_config config;
  config.memcached_servers = settings.memcached_servers;
  config.shards = settings.cache_shards;
  config.l1_entries = settings.cache_l1_entries;
  config.shard.l1_ttl = std::chrono::milliseconds(settings.cache_l1_ttl_ms);
  config.shard.gate = std::move(gate);
  return config;
}

}  // namespace

service_runtime::service_runtime(const service_config& config)
    : actor_system_(std::make_unique<caf::actor_system>(configure_actors(actor_config_, config))) {
  auto gate = std::make_shared<admission_gate>(
      config.pool_size, std::chrono::milliseconds(config.max_queue_wait_ms),
      std::chrono::milliseconds(config.request_timeout_ms) / auto_queue_wait_share,
      metrics_.pool());
  query_pool_config pool_config;
  pool_config.database_url = config.database_url;
  pool_config.workers = config.pool_size;
  pool_config.max_queued = config.max_queued;
  // A statement still running at the request's deadline answers nobody; Postgres stops it.
  pool_config.statement_timeout = std::chrono::milliseconds(config.request_timeout_ms);
  pool_config.observer = metrics_.pool();
  pool_config.gate = gate;
  pool_ = actor_system_->spawn(query_pool, std::move(pool_config));
  // With a ring, ingress asks the cache front and the shards ask the gate before a fill, so hits
  // are never shed; without one, ingress asks the gate. Readiness probes go to the pool itself.
  std::vector<document_source_actor> sources;
  if (!config.memcached_servers.empty()) {
    auto layer = spawn_cache_layer(*actor_system_, pool_, cache_config_for(config, gate));
    cache_ = layer.front;
    for (auto& shard : layer.shards)
      sources.push_back(caf::actor_cast<document_source_actor>(shard));
  } else {
    sources.push_back(caf::actor_cast<document_source_actor>(pool_));
  }
  sampler_ = actor_system_->spawn(metrics::metrics_sampler, pool_, cache_, &metrics_);
  for (std::size_t index = 0; index < config.ingress_actors; ++index)
    ingresses_.push_back(actor_system_->spawn(ingress, sources, pool_, cache_ ? nullptr : gate));
  routes_ =
      std::make_unique<api_routes>(ingresses_, std::chrono::milliseconds(config.request_timeout_ms),
                                   metrics_, config.memcached_servers.size());
  server_ = std::make_unique<http::server>(server_config_for(config), *routes_);
}

service_runtime::~service_runtime() {
  stop();
}

void service_runtime::start() {
  server_->start();
}

void service_runtime::stop_on_signals() {
  server_->stop_on_signals();
}

void service_runtime::wait_for_shutdown() {
  server_->wait();
  stop();
}

void service_runtime::stop() {
  if (stopped_) return;
  stopped_ = true;
  server_->stop();
  for (auto& ingress_handle : ingresses_)
    caf::anon_send_exit(ingress_handle, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(sampler_, caf::exit_reason::user_shutdown);
  if (cache_) caf::anon_send_exit(cache_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(pool_, caf::exit_reason::user_shutdown);
  actor_system_->await_all_actors_done();
}

}  // namespace atelier
