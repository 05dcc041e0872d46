// The metrics sampler actor: polls the query pool's (and the cache's) snapshot on a timer and
// updates the metrics, so a scrape never waits for an actor.
#pragma once

#include <caf/all.hpp>

#include <chrono>
#include <memory>

#include "actors/messages.hpp"
#include "metrics/service_metrics.hpp"

namespace atelier::metrics {

/// How often the pool gauges are refreshed: four times per one-second dashboard refresh.
inline constexpr auto sample_interval = std::chrono::milliseconds(250);

/// The sampler's own timer message. Kept here rather than in actors/messages.hpp because it never
/// leaves this actor (and CAF 0.17.6's CAF_ADD_ATOM is just this alias).
using sample_atom = caf::atom_constant<caf::atom("msample")>;

/// The sampler's interface: only its own timer.
using metrics_sampler_actor = caf::typed_actor<caf::reacts_to<sample_atom>>;

struct metrics_sampler_state {
  query_pool_actor pool;
  cache_front_actor cache;  // invalid without a cache
  service_metrics* metrics = nullptr;
  static inline const char* name = "metrics_sampler";
};

/// Every sample_interval asks `pool` for its snapshot (never blocking: request/then) and writes
/// it into the pool gauges of `metrics`; when `cache` is valid, also its cache_snapshot into
/// metrics->update_cache(). A snapshot that does not arrive within the interval is skipped.
/// `metrics` must outlive the actor. Send it an exit message before the pool and cache.
metrics_sampler_actor::behavior_type metrics_sampler(
    metrics_sampler_actor::stateful_pointer<metrics_sampler_state> self, query_pool_actor pool,
    cache_front_actor cache, service_metrics* metrics);

}  // namespace atelier::metrics
