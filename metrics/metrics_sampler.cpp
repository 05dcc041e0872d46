// Metrics sampler behavior: a delayed_send loop asking the pool for pool_snapshot.
#include "metrics/metrics_sampler.hpp"

namespace atelier::metrics {

metrics_sampler_actor::behavior_type metrics_sampler(
    metrics_sampler_actor::stateful_pointer<metrics_sampler_state> self, query_pool_actor pool,
    std::shared_ptr<pool_metrics> gauges) {
  self->state.pool = std::move(pool);
  self->state.gauges = std::move(gauges);
  self->send(self, sample_atom::value);
  return {
      [=](sample_atom) {
        self->request(self->state.pool, sample_interval, snapshot_atom::value)
            .then([=](const pool_snapshot& snapshot) { self->state.gauges->update(snapshot); },
                  [](const caf::error&) {
                    // A busy or stopping pool: keep the last values; the next tick retries.
                  });
        self->delayed_send(self, sample_interval, sample_atom::value);
      },
  };
}

}  // namespace atelier::metrics
