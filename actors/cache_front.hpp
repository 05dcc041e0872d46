// The cache front: routes each document request to the cache shard owning its key, so identical
// concurrent requests meet in one shard and coalesce there.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actors/cache_shard.hpp"
#include "actors/messages.hpp"

namespace atelier {

/// The whole cache layer's settings; values come from the service config.
struct cache_layer_config {
  std::vector<std::string> memcached_servers;  ///< the ring ("host:port"), not empty
  std::size_t shards = 2;                      ///< shard actors = detached cache IO actors
  std::size_t l1_entries = 10000;              ///< total over all shards
  cache_shard_config shard;                    ///< l1_entries there is overwritten per shard
};

struct cache_front_state {
  std::vector<cache_shard_actor> shards;
  static inline const char* name = "cache_front";
};

/// Delegates document requests to shards[document_key_hash(key) % shards] (the shard answers the
/// requester directly). snapshot_atom sums the shards' counters and node health. Spawns and links
/// the shards (which spawn their IO actors), so stopping the front stops the whole layer.
cache_front_actor::behavior_type cache_front(
    cache_front_actor::stateful_pointer<cache_front_state> self, query_pool_actor pool,
    cache_layer_config config);

/// Validates the ring configuration (throws std::invalid_argument with one clear line) and spawns
/// the front. Does not contact memcached: a dead ring only costs fills.
cache_front_actor spawn_cache_layer(caf::actor_system& system, query_pool_actor pool,
                                    const cache_layer_config& config);

}  // namespace atelier
