// Cache front behavior: shard ownership, the data-set version watcher and snapshot aggregation.
#include "actors/cache_front.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace atelier {
namespace {

using front_pointer = cache_front_actor::stateful_pointer<cache_front_state>;

constexpr auto snapshot_timeout = std::chrono::seconds(1);
// Version probes wait at most this long: a hung Postgres must not pile probes up.
constexpr auto probe_timeout = std::chrono::seconds(2);
// The front answers its shard list at once; this only bounds a broken start-up.
constexpr auto shard_list_timeout = std::chrono::seconds(10);

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
  total.ring_batches += add.ring_batches;
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

// One switch per process: every shard hears of a newer version from here, in the same pass.
void adopt_version(front_pointer self, std::int64_t version) {
  if (version <= self->state.version) return;
  self->state.version = version;
  for (auto& shard : self->state.shards) self->send(shard, dataset_version_seen{version});
}

void on_version_tick(front_pointer self) {
  self->delayed_send(self, self->state.version_poll, version_tick_atom::value);
  if (self->state.probe_in_flight) return;
  self->state.probe_in_flight = true;
  self->request(self->state.pool, probe_timeout, probe_atom::value)
      .then(
          [=](document_outcome& outcome) {
            self->state.probe_in_flight = false;
            if (outcome.state == document_outcome::status::found)
              adopt_version(self, outcome.dataset_version);
          },
          [=](caf::error&) { self->state.probe_in_flight = false; });
}

}  // namespace

std::size_t shard_index_of(const document_key& key, std::size_t shard_count) {
  return document_key_hash{}(key) % shard_count;
}

cache_front_actor::behavior_type cache_front(front_pointer self, query_pool_actor pool,
                                             cache_layer_config config) {
  auto ring = std::make_shared<const memcached_ring>(config.memcached_servers);
  auto shard_config = config.shard;
  auto shard_count = std::max<std::size_t>(1, config.shards);
  shard_config.l1_entries = config.l1_entries / shard_count;
  auto watcher = caf::actor_cast<version_watcher_actor>(self);
  for (std::size_t index = 0; index < shard_count; ++index)
    self->state.shards.push_back(
        self->spawn<caf::linked>(cache_shard, pool, ring, shard_config, watcher));
  self->state.pool = std::move(pool);
  self->state.version_poll = config.version_poll;
  self->send(self, version_tick_atom::value);
  return {
      [=](document_request& request) {
        auto& shards = self->state.shards;
        return self->delegate(shards[shard_index_of(request.key, shards.size())],
                              std::move(request));
      },
      [=](snapshot_atom) { return on_snapshot(self); },
      [=](shards_atom) { return cache_shard_list{self->state.shards}; },
      [=](const dataset_version_seen& seen) { adopt_version(self, seen.version); },
      [=](version_tick_atom) { on_version_tick(self); },
  };
}

cache_layer spawn_cache_layer(caf::actor_system& system, query_pool_actor pool,
                              const cache_layer_config& config) {
  memcached_ring validated(config.memcached_servers);  // throws on a bad server list
  cache_layer layer;
  layer.front = system.spawn(cache_front, std::move(pool), config);
  caf::scoped_actor self{system};
  self->request(layer.front, shard_list_timeout, shards_atom::value)
      .receive([&](cache_shard_list& list) { layer.shards = std::move(list.shards); },
               [&](caf::error& error) {
                 throw std::runtime_error("cache layer did not start: " + system.render(error));
               });
  return layer;
}

}  // namespace atelier
