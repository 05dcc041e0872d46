// Every message type and atom the actors exchange, and the typed interfaces built from them.
#pragma once

#include <caf/all.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/document_key.hpp"
#include "storage/document_outcome.hpp"

namespace atelier {

using deadline_clock = std::chrono::steady_clock;

/// Ask for one document; whoever answers must do so before `deadline` or not at all.
struct document_request {
  document_key key;
  deadline_clock::time_point deadline;
};

/// A point-in-time view of a query pool, for metrics, /readyz and admission control.
struct pool_snapshot {
  std::uint32_t workers = 0;
  std::uint32_t busy = 0;
  std::uint32_t queued = 0;
  std::uint64_t processed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t expired = 0;
};

/// Completion callback of an ingress request: invoked exactly once, from a CAF thread.
using outcome_callback = std::function<void(document_outcome)>;

/// What the HTTP side hands to an ingress actor: the document wanted and where the answer goes.
struct ingress_request {
  document_request request;
  outcome_callback reply;
};

/// Asks whether the service can answer: Postgres reachable and a data set loaded.
struct readiness_request {
  outcome_callback reply;
};

/// Health of one memcached node, summed over the cache IO actors' ring clones.
struct cache_node_health {
  std::string address;  ///< host:port as configured
  bool up = true;       ///< false while any IO actor saw its last operation on the node fail
  std::uint64_t ops = 0;
  std::uint64_t failures = 0;
  std::uint64_t timeouts = 0;
};

/// Node health as one cache IO actor sees it.
struct cache_ring_health {
  std::vector<cache_node_health> nodes;
};

/// A point-in-time view of the cache layer (summed over shards), for metrics.
struct cache_snapshot {
  std::uint64_t l1_hits = 0;            ///< answered from the in-process LRU
  std::uint64_t memcached_hits = 0;     ///< answered from the ring
  std::uint64_t misses = 0;             ///< neither had it: a fill (or a wait for one) followed
  std::uint64_t coalesced_waiters = 0;  ///< requests that joined a fill already in flight
  std::uint64_t lease_waits = 0;        ///< fills that found another node's lease and polled
  std::uint64_t fills = 0;              ///< requests sent to the query pool
  std::uint64_t stale_serves = 0;       ///< stale L1 copies served because the pool failed
  std::uint64_t overloaded = 0;         ///< requests shed because a key had too many waiters
  std::uint64_t cache_errors = 0;       ///< ring operations that found the ring unavailable
  std::uint64_t ring_batches = 0;       ///< lookup batches sent to the ring (lookups / this = size)
  std::int64_t dataset_version = 0;     ///< data-set version every shard has seen
  std::vector<cache_node_health> nodes;
};

/// To a cache IO actor: read `key`; on a miss with try_lease, try to take `<key>:lease`.
struct cache_lookup {
  std::string key;
  bool try_lease = false;
};

/// A cache IO actor's answer to one cache_lookup.
struct cache_lookup_result {
  enum class status : std::uint8_t { hit, miss, lease_won, lease_lost, unavailable };
  status state = status::unavailable;
  std::string value;  ///< when hit
};

/// To a cache IO actor: the lookups a shard queued while its previous batch was in flight, read
/// in one round trip per memcached node.
struct cache_lookups {
  std::vector<cache_lookup> lookups;
};

/// A cache IO actor's answer to cache_lookups: one result per lookup, in order.
struct cache_lookup_results {
  std::vector<cache_lookup_result> results;
};

/// To a cache IO actor: store `value` under `key` (fire and forget), then drop the lease if asked.
struct cache_store {
  std::string key;
  std::string value;
  std::uint32_t ttl_seconds = 0;
  bool release_lease = false;
};

/// To a cache IO actor: drop the fill lease of `key` (a fill failed; let another node try).
struct cache_release {
  std::string key;
};

/// A shard to itself: look at the ring again for a key whose lease another node holds.
struct lease_poll {
  document_key key;
  std::uint32_t attempt = 0;
};

/// A data-set version: from a shard to the cache front when a fill revealed it, and from the
/// front to every shard, so all shards of a process switch to it together.
struct dataset_version_seen {
  std::int64_t version = 0;
};

}  // namespace atelier

CAF_BEGIN_TYPE_ID_BLOCK(atelier, caf::first_custom_type_id)
CAF_ADD_ATOM(atelier, atelier, snapshot_atom, "snapshot")
CAF_ADD_ATOM(atelier, atelier, probe_atom, "probe")
CAF_ADD_ATOM(atelier, atelier, worker_done_atom, "wdone")
CAF_ADD_ATOM(atelier, atelier, version_tick_atom, "vtick")
CAF_ADD_ATOM(atelier, atelier, shards_atom, "shards")
CAF_ADD_ATOM(atelier, atelier, deadline_sweep_atom, "dsweep")
CAF_END_TYPE_ID_BLOCK(atelier)

// Local-only messages: they carry callbacks and time points, and never cross a process boundary.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::document_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::document_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::pool_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::ingress_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::readiness_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_ring_health)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_lookups)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_lookup_results)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_store)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_release)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::lease_poll)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::dataset_version_seen)

namespace atelier {

/// Anything that turns a document request into an outcome: a query pool, later a cache shard.
using document_source_actor =
    caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>>;

/// One detached actor owning one Postgres connection.
using query_worker_actor =
    caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>,
                     caf::replies_to<probe_atom>::with<document_outcome>>;

/// Dispatches requests to idle workers, queueing (bounded) when all are busy.
using query_pool_actor = caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>,
                                          caf::replies_to<probe_atom>::with<document_outcome>,
                                          caf::replies_to<snapshot_atom>::with<pool_snapshot>>;

/// Receives requests from HTTP threads and answers them through their callbacks.
using ingress_actor =
    caf::typed_actor<caf::reacts_to<ingress_request>, caf::reacts_to<readiness_request>,
                     caf::reacts_to<deadline_sweep_atom>>;

/// Detached actor owning one memcached ring clone; every blocking memcached call happens here.
using cache_io_actor = caf::typed_actor<caf::replies_to<cache_lookups>::with<cache_lookup_results>,
                                        caf::reacts_to<cache_store>, caf::reacts_to<cache_release>,
                                        caf::replies_to<snapshot_atom>::with<cache_ring_health>>;

/// One cache shard: a document source with L1, coalescing and leases in front of the pool.
using cache_shard_actor =
    caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>,
                     caf::replies_to<snapshot_atom>::with<cache_snapshot>,
                     caf::reacts_to<dataset_version_seen>, caf::reacts_to<lease_poll>>;

/// Whoever keeps a process's shards on one data-set version (the cache front).
using version_watcher_actor = caf::typed_actor<caf::reacts_to<dataset_version_seen>>;

/// The shards of one cache layer, in key order (see shard_index_of).
struct cache_shard_list {
  std::vector<cache_shard_actor> shards;
};

}  // namespace atelier

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::cache_shard_list)

namespace atelier {

/// Owns the shards: the process's one data-set version watcher (broadcasting versions to every
/// shard), the shard list and the summed snapshot. Still a document source (it forwards a request
/// to the shard owning its key) for callers that hold no shard list.
using cache_front_actor =
    caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>,
                     caf::replies_to<snapshot_atom>::with<cache_snapshot>,
                     caf::replies_to<shards_atom>::with<cache_shard_list>,
                     caf::reacts_to<dataset_version_seen>, caf::reacts_to<version_tick_atom>>;

}  // namespace atelier
