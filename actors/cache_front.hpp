// The cache front: owns the cache shards, watches the data-set version for all of them, and sums
// their snapshots. Requests reach the shard owning their key directly (see shard_index_of), so
// identical concurrent requests meet in one shard and coalesce there.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "actors/cache_shard.hpp"
#include "actors/messages.hpp"

namespace atelier {

/// The whole cache layer's settings; values come from the service config.
struct cache_layer_config {
  std::vector<std::string> memcached_servers;   ///< the ring ("host:port"), not empty
  std::size_t shards = 2;                       ///< shard actors = detached cache IO actors
  std::size_t l1_entries = 10000;               ///< total over all shards
  std::chrono::milliseconds version_poll{500};  ///< how often the pool is probed for the version
  cache_shard_config shard;                     ///< l1_entries there is overwritten per shard
};

struct cache_front_state {
  query_pool_actor pool;
  std::vector<cache_shard_actor> shards;
  std::chrono::milliseconds version_poll{500};
  std::int64_t version = 0;  ///< newest data-set version of this process; 0 until known
  bool probe_in_flight = false;
  static inline const char* name = "cache_front";
};

/// The index of the shard owning `key` among `shard_count` shards; every request for a key goes
/// there, whoever sends it.
std::size_t shard_index_of(const document_key& key, std::size_t shard_count);

/// Spawns and links the shards (which spawn their IO actors), so stopping the front stops the whole
/// layer. The process's one version watcher: probes the pool every version_poll, and whenever it
/// (or a shard's fill) reveals a newer data-set version, sends it to every shard, so the shards of
/// a process retire old documents together. shards_atom answers the shard list; snapshot_atom
/// sums the shards' counters and node health; a document_request is delegated to its shard.
cache_front_actor::behavior_type cache_front(
    cache_front_actor::stateful_pointer<cache_front_state> self, query_pool_actor pool,
    cache_layer_config config);

/// A running cache layer: the front (stop it to stop the layer) and its shards in key order.
struct cache_layer {
  cache_front_actor front;
  std::vector<cache_shard_actor> shards;
};

/// Validates the ring configuration (throws std::invalid_argument with one clear line), spawns
/// the front and waits for its shard list. Does not contact memcached: a dead ring only costs
/// fills. Blocks briefly: call it at start-up, never from an actor.
cache_layer spawn_cache_layer(caf::actor_system& system, query_pool_actor pool,
                              const cache_layer_config& config);

}  // namespace atelier
