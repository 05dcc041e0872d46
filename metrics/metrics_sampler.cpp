// Metrics sampler behavior: a delayed_send loop asking the pool and the cache for snapshots.
#include "metrics/metrics_sampler.hpp"

namespace atelier::metrics {
namespace {

using sampler_pointer = metrics_sampler_actor::stateful_pointer<metrics_sampler_state>;

/// The cache layer's snapshot as the metrics layer's plain figures, field by field.
cache_figures figures_of(const cache_snapshot& snapshot) {
  cache_figures figures;
  figures.l1_hits = snapshot.l1_hits;
  figures.memcached_hits = snapshot.memcached_hits;
  figures.misses = snapshot.misses;
  figures.coalesced_waiters = snapshot.coalesced_waiters;
  figures.fills = snapshot.fills;
  figures.stale_serves = snapshot.stale_serves;
  figures.overloaded = snapshot.overloaded;
  figures.cache_errors = snapshot.cache_errors;
  figures.ring_batches = snapshot.ring_batches;
  for (const auto& node : snapshot.nodes)
    figures.nodes.push_back({node.address, node.up, node.failures, node.timeouts, node.ops});
  return figures;
}

// A busy or stopping actor: keep the last values; the next tick retries.
void ignore_error(const caf::error&) {}

void do_sample(sampler_pointer self) {
  auto* metrics = self->state.metrics;
  self->request(self->state.pool, sample_interval, snapshot_atom::value)
      .then([metrics](const pool_snapshot& snapshot) { metrics->pool()->update(snapshot); },
            ignore_error);
  if (!self->state.cache) return;
  self->request(self->state.cache, sample_interval, snapshot_atom::value)
      .then([metrics](
                const cache_snapshot& snapshot) { metrics->update_cache(figures_of(snapshot)); },
            ignore_error);
}

}  // namespace

metrics_sampler_actor::behavior_type metrics_sampler(sampler_pointer self, query_pool_actor pool,
                                                     cache_front_actor cache,
                                                     service_metrics* metrics) {
  self->state.pool = std::move(pool);
  self->state.cache = std::move(cache);
  self->state.metrics = metrics;
  self->send(self, sample_atom::value);
  return {
      [=](sample_atom) {
        do_sample(self);
        self->delayed_send(self, sample_interval, sample_atom::value);
      },
  };
}

}  // namespace atelier::metrics
