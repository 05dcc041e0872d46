// Wires the service together: actor system, query pool, ingress actors, routes and the HTTP server.
#pragma once

#include <prometheus/registry.h>
#include <caf/all.hpp>

#include <memory>
#include <vector>

#include "actors/messages.hpp"
#include "http/server.hpp"
#include "metrics/metrics_sampler.hpp"
#include "metrics/service_metrics.hpp"
#include "service/api_routes.hpp"
#include "service/service_config.hpp"

namespace atelier {

/// The running service. Construction spawns the actors; start() binds the port. Destruction shuts
/// down in reverse start order: stop accepting and drain HTTP, then stop ingress, then the pool.
/// Used by main and by tests (which bind port 0 and read port()).
class service_runtime {
 public:
  explicit service_runtime(const service_config& config);
  ~service_runtime();
  service_runtime(const service_runtime&) = delete;
  service_runtime& operator=(const service_runtime&) = delete;

  /// From now on SIGINT/SIGTERM drain the service (main calls it before start(); tests don't).
  void stop_on_signals();
  /// Binds and serves; throws boost::system::system_error when the port cannot be bound.
  void start();
  unsigned short port() const { return server_->port(); }
  /// Blocks until a signal (see stop_on_signals) has drained HTTP, then stops the actors.
  void wait_for_shutdown();
  /// Drains HTTP and stops the actors; idempotent.
  void stop();

  caf::actor_system& actors() { return *actor_system_; }
  const query_pool_actor& pool() const { return pool_; }
  /// The cache front, or an invalid handle when no memcached ring is configured.
  const cache_front_actor& cache() const { return cache_; }
  metrics::service_metrics& metrics() { return metrics_; }

 private:
  // Declared first so they outlive every actor and thread that records into them.
  prometheus::Registry registry_;
  metrics::service_metrics metrics_{registry_};
  caf::actor_system_config actor_config_;
  std::unique_ptr<caf::actor_system> actor_system_;
  query_pool_actor pool_;
  cache_front_actor cache_;  // invalid without --memcached
  metrics::metrics_sampler_actor sampler_;
  std::vector<ingress_actor> ingresses_;
  std::unique_ptr<api_routes> routes_;
  std::unique_ptr<http::server> server_;
  bool stopped_ = false;
};

}  // namespace atelier
