// The cache IO actor: detached, owns one memcached ring clone and runs every blocking memcached
// call, so cache shards on the scheduler threads never block.
#pragma once

#include <memory>
#include <optional>

#include "actors/messages.hpp"
#include "cluster/memcached_ring.hpp"

namespace atelier {

/// Fill leases live this long in memcached, so a crashed filler delays others at most this much.
inline constexpr std::uint32_t lease_ttl_seconds = 2;

/// The memcached key of a fill lease for `key`.
std::string lease_key_of(const std::string& key);

struct cache_io_state {
  std::optional<memcached_ring> ring;  // cloned by the behavior: CAF default-constructs state
  static inline const char* name = "cache_io";
};

/// Answers cache_lookups with one result per lookup: the keys are read in one batch (a round
/// trip per node), then each miss with try_lease takes its lease with `add` (lease_won) or finds
/// it held (lease_lost). Any ring failure answers `unavailable`; nothing throws. cache_store sets
/// the value then deletes the lease when asked; cache_release deletes the lease. Spawn with
/// caf::detached: each call blocks up to the ring's poll timeout.
cache_io_actor::behavior_type cache_io(cache_io_actor::stateful_pointer<cache_io_state> self,
                                       std::shared_ptr<const memcached_ring> prototype);

}  // namespace atelier
