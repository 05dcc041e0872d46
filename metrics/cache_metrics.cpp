// Turns the cache layer's cumulative figures into Prometheus counters and node gauges.
#include "metrics/cache_metrics.hpp"

namespace atelier::metrics {
namespace {

prometheus::Family<prometheus::Counter>& counter_family(prometheus::Registry& registry,
                                                        const char* name, const char* help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

}  // namespace

cache_metrics::cache_metrics(prometheus::Registry& registry)
    : lookups_(counter_family(registry, "atelier_cache_lookups_total",
                              "Cache lookups by result: l1_hit, memcached_hit or miss")),
      events_(counter_family(
          registry, "atelier_cache_events_total",
          "Cache events: coalesced, fill, stale_serve, overloaded, error, ring_batch")),
      node_up_(prometheus::BuildGauge()
                   .Name("atelier_memcached_node_up")
                   .Help("1 while the memcached node answers, 0 after a failed operation")
                   .Register(registry)),
      node_ops_(counter_family(registry, "atelier_memcached_node_ops_total",
                               "memcached operations by node (a re-admitted node's grow again)")),
      node_failures_(counter_family(registry, "atelier_memcached_node_failures_total",
                                    "Failed memcached operations by node")),
      node_timeouts_(counter_family(registry, "atelier_memcached_node_timeouts_total",
                                    "Timed-out memcached operations by node")) {}

void cache_metrics::advance(prometheus::Counter& counter, const std::string& key,
                            std::uint64_t total) {
  auto& last = last_totals_[key];
  // A total below the last one means the source restarted: its whole total is new.
  auto growth = total >= last ? total - last : total;
  if (growth > 0) counter.Increment(static_cast<double>(growth));
  last = total;
}

void cache_metrics::update(const cache_figures& figures) {
  advance(lookups_.Add({{"result", "l1_hit"}}), "l1_hit", figures.l1_hits);
  advance(lookups_.Add({{"result", "memcached_hit"}}), "memcached_hit", figures.memcached_hits);
  advance(lookups_.Add({{"result", "miss"}}), "miss", figures.misses);
  advance(events_.Add({{"event", "coalesced"}}), "coalesced", figures.coalesced_waiters);
  advance(events_.Add({{"event", "fill"}}), "fill", figures.fills);
  advance(events_.Add({{"event", "stale_serve"}}), "stale_serve", figures.stale_serves);
  advance(events_.Add({{"event", "overloaded"}}), "overloaded", figures.overloaded);
  advance(events_.Add({{"event", "error"}}), "error", figures.cache_errors);
  advance(events_.Add({{"event", "ring_batch"}}), "ring_batch", figures.ring_batches);
  for (const auto& node : figures.nodes) {
    node_up_.Add({{"node", node.address}}).Set(node.up ? 1 : 0);
    advance(node_ops_.Add({{"node", node.address}}), "ops/" + node.address, node.ops);
    advance(node_failures_.Add({{"node", node.address}}), "failures/" + node.address,
            node.failures);
    advance(node_timeouts_.Add({{"node", node.address}}), "timeouts/" + node.address,
            node.timeouts);
  }
}

}  // namespace atelier::metrics
