// The hook for the cache layer's metrics: plain cumulative figures in, Prometheus series out.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace atelier::metrics {

/// One memcached node as the cache layer last saw it.
struct cache_node_figures {
  std::string address;  ///< host:port
  bool up = true;
  std::uint64_t failures = 0;  ///< cumulative
  std::uint64_t timeouts = 0;  ///< cumulative
  // Last, so code that lists the fields above by position still compiles and means the same.
  std::uint64_t ops = 0;  ///< cumulative operations on the node, failed or not
};

/// Cumulative counts since start, summed over shards; mirrors actors' cache_snapshot so the
/// sampler can convert one into the other field by field without the metrics layer depending on
/// the cache actors.
struct cache_figures {
  std::uint64_t l1_hits = 0;
  std::uint64_t memcached_hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t coalesced_waiters = 0;
  std::uint64_t fills = 0;
  std::uint64_t stale_serves = 0;
  std::uint64_t overloaded = 0;
  std::uint64_t cache_errors = 0;
  std::uint64_t ring_batches = 0;
  std::vector<cache_node_figures> nodes;
};

/// atelier_cache_lookups_total{result=l1_hit|memcached_hit|miss},
/// atelier_cache_events_total{event=coalesced|fill|stale_serve|overloaded|error|ring_batch}
/// (ring_batch: lookup batches sent to memcached), atelier_memcached_node_up{node},
/// atelier_memcached_node_ops_total{node}, atelier_memcached_node_failures_total{node},
/// atelier_memcached_node_timeouts_total{node}.
/// Registered only when constructed, so a service without a cache exports no cache series (the
/// dashboard then shows "no cache"). update() must be called from one thread at a time.
class cache_metrics {
 public:
  explicit cache_metrics(prometheus::Registry& registry);
  /// Advances every counter by the growth of its figure since the last call and sets the gauges.
  void update(const cache_figures& figures);

 private:
  /// Increments `counter` by how far `total` moved past the last total seen under `key`.
  void advance(prometheus::Counter& counter, const std::string& key, std::uint64_t total);

  prometheus::Family<prometheus::Counter>& lookups_;
  prometheus::Family<prometheus::Counter>& events_;
  prometheus::Family<prometheus::Gauge>& node_up_;
  prometheus::Family<prometheus::Counter>& node_ops_;
  prometheus::Family<prometheus::Counter>& node_failures_;
  prometheus::Family<prometheus::Counter>& node_timeouts_;
  std::map<std::string, std::uint64_t> last_totals_;
};

}  // namespace atelier::metrics
