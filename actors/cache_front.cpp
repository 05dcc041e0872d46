// Cache front behavior: shard selection by key hash and snapshot aggregation.
#include "actors/cache_front.hpp"

#include <algorithm>
#include <memory>

namespace atelier {
namespace {

using front_pointer = cache_front_actor::stateful_pointer<cache_front_state>;

constexpr auto snapshot_timeout = std::chrono::seconds(1);

void merge_nodes(std::vector<cache_node_health>& total, const std::vector<cache_node_health>& add) {
  if (total.empty()) {
    total = add;
    return;
  }
  for (std::size_t index = 0; index < std::min(total.size(), add.size()); ++index) {
    total[index].up = total[index].up && add[index].up;
    total[index].ops += add[index].ops;
    total[index].failures += add[index].failures;
    total[index].timeouts += add[index].timeouts;
  }
}

void merge(cache_snapshot& total, const cache_snapshot& add) {
  total.l1_hits += add.l1_hits;
  total.memcached_hits += add.memcached_hits;
  total.misses += add.misses;
  total.coalesced_waiters += add.coalesced_waiters;
  total.lease_waits += add.lease_waits;
  total.fills += add.fills;
  total.stale_serves += add.stale_serves;
  total.overloaded += add.overloaded;
  total.cache_errors += add.cache_errors;
  // The minimum: a version counts as served only once every shard has seen it.
  total.dataset_version = std::min(total.dataset_version, add.dataset_version);
  merge_nodes(total.nodes, add.nodes);
}

caf::result<cache_snapshot> on_snapshot(front_pointer self) {
  auto promise = self->make_response_promise<cache_snapshot>();
  struct gathering {
    cache_snapshot total;
    bool any = false;
    std::size_t pending = 0;
  };
  auto gathered = std::make_shared<gathering>();
  gathered->pending = self->state.shards.size();
  auto on_answer = [=](const cache_snapshot* part) mutable {
    if (part != nullptr && gathered->any) merge(gathered->total, *part);
    if (part != nullptr && !gathered->any) gathered->total = *part;
    gathered->any = gathered->any || part != nullptr;
    if (--gathered->pending == 0) promise.deliver(gathered->total);
  };
  for (auto& shard : self->state.shards)
    self->request(shard, snapshot_timeout, snapshot_atom::value)
        .then([=](cache_snapshot& part) mutable { on_answer(&part); },
              [=](caf::error&) mutable { on_answer(nullptr); });
  return promise;
}

}  // namespace

cache_front_actor::behavior_type cache_front(front_pointer self, query_pool_actor pool,
                                             cache_layer_config config) {
  auto ring = std::make_shared<const memcached_ring>(config.memcached_servers);
  auto shard_config = config.shard;
  auto shard_count = std::max<std::size_t>(1, config.shards);
  shard_config.l1_entries = config.l1_entries / shard_count;
  for (std::size_t index = 0; index < shard_count; ++index)
    self->state.shards.push_back(self->spawn<caf::linked>(cache_shard, pool, ring, shard_config));
  return {
      [=](document_request& request) {
        auto& shards = self->state.shards;
        auto& shard = shards[document_key_hash{}(request.key) % shards.size()];
        return self->delegate(shard, std::move(request));
      },
      [=](snapshot_atom) { return on_snapshot(self); },
  };
}

cache_front_actor spawn_cache_layer(caf::actor_system& system, query_pool_actor pool,
                                    const cache_layer_config& config) {
  memcached_ring validated(config.memcached_servers);  // throws on a bad server list
  return system.spawn(cache_front, std::move(pool), config);
}

}  // namespace atelier
