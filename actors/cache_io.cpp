// Cache IO actor behavior: cache messages in, memcached_ring calls, small results out.
#include "actors/cache_io.hpp"

namespace atelier {
namespace {

using io_pointer = cache_io_actor::stateful_pointer<cache_io_state>;
using lookup_status = cache_lookup_result::status;

// The lease value carries no meaning; only its existence does.
constexpr const char* lease_marker = "1";

// Settles a lookup whose key the batch read did not find: a plain miss, or the lease race.
cache_lookup_result on_absent(memcached_ring& ring, const cache_lookup& lookup) {
  cache_lookup_result answer;
  if (!lookup.try_lease) {
    answer.state = lookup_status::miss;
    return answer;
  }
  auto lease = ring.add(lease_key_of(lookup.key), lease_marker, lease_ttl_seconds);
  if (lease.status == ring_status::not_stored) answer.state = lookup_status::lease_lost;
  if (lease.status != ring_status::ok) return answer;
  // Another node may have stored the value and dropped its lease between our get and add.
  auto again = ring.get(lookup.key);
  if (again.status != ring_status::ok) {
    answer.state = lookup_status::lease_won;
    return answer;
  }
  ring.del(lease_key_of(lookup.key));
  answer.state = lookup_status::hit;
  answer.value = std::move(again.value);
  return answer;
}

cache_lookup_results on_lookups(io_pointer self, const cache_lookups& batch) {
  auto& ring = *self->state.ring;
  std::vector<std::string> keys;
  keys.reserve(batch.lookups.size());
  for (const auto& lookup : batch.lookups) keys.push_back(lookup.key);
  auto reads = ring.get_many(keys);
  cache_lookup_results answers;
  answers.results.resize(reads.size());
  for (std::size_t index = 0; index < reads.size(); ++index) {
    auto& read = reads[index];
    auto& answer = answers.results[index];
    if (read.status == ring_status::ok) {
      answer.state = lookup_status::hit;
      answer.value = std::move(read.value);
    } else if (read.status == ring_status::not_found) {
      answer = on_absent(ring, batch.lookups[index]);
    }  // else unavailable, the default
  }
  return answers;
}

cache_ring_health on_snapshot(io_pointer self) {
  cache_ring_health health;
  for (const auto& node : self->state.ring->health())
    health.nodes.push_back(
        cache_node_health{node.address, node.up, node.ops, node.failures, node.timeouts});
  return health;
}

}  // namespace

std::string lease_key_of(const std::string& key) {
  return key + ":lease";
}

cache_io_actor::behavior_type cache_io(io_pointer self,
                                       std::shared_ptr<const memcached_ring> prototype) {
  self->state.ring.emplace(prototype->clone());
  return {
      [=](const cache_lookups& batch) { return on_lookups(self, batch); },
      [=](const cache_store& store) {
        auto& ring = *self->state.ring;
        ring.set(store.key, store.value, store.ttl_seconds);
        if (store.release_lease) ring.del(lease_key_of(store.key));
      },
      [=](const cache_release& release) { self->state.ring->del(lease_key_of(release.key)); },
      [=](snapshot_atom) { return on_snapshot(self); },
  };
}

}  // namespace atelier
