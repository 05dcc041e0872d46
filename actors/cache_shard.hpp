// The cache shard: a document source that answers from L1, then the memcached ring, and otherwise
// coalesces every concurrent request for a key onto one fill from the query pool.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/admission_gate.hpp"
#include "actors/cache_l1.hpp"
#include "actors/messages.hpp"
#include "cluster/memcached_ring.hpp"

namespace atelier {

/// Limits and lifetimes of one shard; values come from the service config.
struct cache_shard_config {
  std::size_t l1_entries = 5000;  ///< this shard's LRU capacity
  /// An L1 entry is served this long, then memcached. Keys carry the data-set version, so this
  /// bounds how long a hot key goes without the ring, not staleness; 1 s sent hot keys back to
  /// memcached every second and cost 10-25% of the hot workload's throughput (README).
  std::chrono::milliseconds l1_ttl{10000};
  std::chrono::seconds stale_window{60};   ///< expired L1 entries served when the pool fails
  std::uint32_t found_ttl_seconds = 3600;  ///< memcached TTL of documents (keys are versioned)
  std::uint32_t missing_ttl_seconds = 10;  ///< memcached TTL of "no such product"
  std::size_t max_waiters = 10000;         ///< per key; beyond it requests get `overloaded`
  /// Asked before each fill (null: never): a refused fill is `overloaded`, so only misses are shed.
  std::shared_ptr<admission_gate> gate;
};

/// One key's fill in flight: the leader's request, and everyone waiting for its outcome.
struct cache_fill {
  document_request request;
  std::vector<caf::typed_response_promise<document_outcome>> waiters;
  std::string cache_key;           ///< memcached key looked up; the lease (if any) is on it
  std::int64_t cache_version = 0;  ///< data-set version named by cache_key
  deadline_clock::time_point lease_wait_until;
};

/// A lookup waiting for the shard's batch in flight to come back.
struct queued_lookup {
  document_key key;
  bool try_lease = false;
};

struct cache_shard_state {
  cache_shard_config config;
  query_pool_actor pool;
  cache_io_actor io;
  version_watcher_actor watcher;  ///< told of versions this shard's fills reveal
  cache_l1 l1;
  std::unordered_map<document_key, cache_fill, document_key_hash> fills;
  /// One batch of lookups is in flight to `io` at a time; lookups meanwhile wait here and go out
  /// together, so a burst of L1 misses costs one memcached round trip per node, not one per key.
  std::vector<queued_lookup> lookup_queue;
  bool lookup_in_flight = false;
  std::int64_t version = 0;  ///< newest data-set version seen; 0 until the first probe/fill
  cache_snapshot counters;
  static inline const char* name = "cache_shard";
};

/// The memcached key of `key` in data set `version`, e.g. "atelier:v3:styles:42".
std::string cache_key_of(std::int64_t version, const document_key& key);

/// Event-based (never blocks). Per request: a fresh L1 entry of the current version answers at
/// once; a key with a fill in flight adds the request to its waiters (bounded by max_waiters, then
/// `overloaded`); otherwise the shard's IO actor looks the key up in memcached (batched with the
/// other lookups queued meanwhile) and, on a miss, takes the key's lease. The lease winner fills
/// from `pool` and stores the outcome (documents and "missing", never failures); a loser polls
/// memcached every few ms for up to ~200 ms, then fills itself. When the ring is unavailable the
/// shard fills directly. A fill lives until the leader's deadline (like nginx
/// proxy_cache_lock_timeout): then every waiter gets a stale L1 copy or deadline_exceeded. A fill
/// the admission gate refuses fails `overloaded` without reaching the pool. Pool failures
/// database_unavailable/deadline_exceeded/overloaded are answered from a stale L1 copy (<
/// stale_window old, any version) when there is one. The version comes from `watcher`
/// (dataset_version_seen, the process's one probe) and from the shard's own fills, which it reports
/// to `watcher` so the other shards switch too; a higher version retires L1 entries at once. Spawns
/// its IO actor (detached, linked) from `ring`.
cache_shard_actor::behavior_type cache_shard(
    cache_shard_actor::stateful_pointer<cache_shard_state> self, query_pool_actor pool,
    std::shared_ptr<const memcached_ring> ring, cache_shard_config config,
    version_watcher_actor watcher);

}  // namespace atelier
