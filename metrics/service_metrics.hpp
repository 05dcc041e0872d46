// All of the service's metrics in one place: the route, pool, process and (optional) cache
// series over one Prometheus registry, and their text exposition.
#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <mutex>
#include <string>

#include "metrics/cache_metrics.hpp"
#include "metrics/pool_metrics.hpp"
#include "metrics/process_collector.hpp"
#include "metrics/route_metrics.hpp"

namespace atelier::metrics {

/// The Content-Type of the Prometheus text exposition format served at /metrics.
inline constexpr const char* exposition_content_type = "text/plain; version=0.0.4; charset=utf-8";

/// Registers every series on `registry` (owned by service_runtime, which must keep it alive
/// longer than this object). Thread-safe: routes record from I/O and CAF threads, the pool and
/// its detached workers record through pool(), the sampler sets gauges, /metrics scrapes.
class service_metrics {
 public:
  explicit service_metrics(prometheus::Registry& registry);

  route_metrics& routes() { return routes_; }
  /// The query pool's observer (name="query_pool"); hand it to query_pool_config::observer.
  const std::shared_ptr<pool_metrics>& pool() const { return pool_; }
  /// The cache hook: the first call registers the cache series, later calls advance them. Call
  /// it from one thread (e.g. the metrics_sampler, converting a cache_snapshot field by field).
  void update_cache(const cache_figures& figures);

  /// Every series in the Prometheus text format (version 0.0.4).
  std::string scrape() const;

 private:
  prometheus::Registry& registry_;
  route_metrics routes_;
  std::shared_ptr<pool_metrics> pool_;
  process_collector process_;
  std::mutex cache_mutex_;  // guards the lazy creation of cache_
  std::unique_ptr<cache_metrics> cache_;
};

}  // namespace atelier::metrics
