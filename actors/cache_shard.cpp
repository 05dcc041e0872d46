// Cache shard behavior: L1, per-key coalescing, memcached leases, fills and stale-if-error.
#include "actors/cache_shard.hpp"

#include <algorithm>

#include "actors/cache_io.hpp"

namespace atelier {
namespace {

using shard_pointer = cache_shard_actor::stateful_pointer<cache_shard_state>;
using lookup_status = cache_lookup_result::status;

// A healthy IO actor answers in well under a millisecond; past this we stop waiting for the ring.
constexpr auto io_timeout = std::chrono::milliseconds(250);
// Lease losers look for the winner's value this often, for at most this long (then fill).
constexpr auto lease_poll_interval = std::chrono::milliseconds(5);
constexpr auto lease_max_wait = std::chrono::milliseconds(200);
// The pool expires requests at their deadline; this margin lets its answer arrive.
constexpr auto fill_margin = std::chrono::milliseconds(50);
// Bounds one batch's size, so a backlog after a stall goes out in a few moderate round trips.
constexpr std::size_t max_lookup_batch = 64;

constexpr char found_tag = 'F';
constexpr char missing_tag = 'M';

std::string encode(const document_outcome& outcome) {
  if (outcome.state == document_outcome::status::missing) return std::string(1, missing_tag);
  return found_tag + outcome.json;
}

bool decode(const std::string& value, std::int64_t version, document_outcome& outcome) {
  if (value.empty()) return false;
  if (value[0] == missing_tag && value.size() == 1) {
    outcome = document_outcome::missing(version);
    return true;
  }
  if (value[0] != found_tag) return false;
  outcome = document_outcome::found(value.substr(1), version);
  return true;
}

bool cacheable(const document_outcome& outcome) {
  return outcome.state != document_outcome::status::failed && outcome.dataset_version > 0;
}

bool stale_allowed(const document_outcome& outcome) {
  return outcome.state == document_outcome::status::failed &&
         (outcome.error == service_error::database_unavailable ||
          outcome.error == service_error::deadline_exceeded ||
          outcome.error == service_error::overloaded);
}

document_outcome overloaded_outcome(const char* log_detail) {
  return document_outcome::failure(service_error::overloaded,
                                   "the service is overloaded; retry shortly", log_detail);
}

void note_version(shard_pointer self, std::int64_t version) {
  if (version <= self->state.version) return;
  self->state.version = version;
  self->state.counters.dataset_version = version;
}

// A fill revealed a newer version: switch now and have the watcher switch the other shards.
void report_version(shard_pointer self, std::int64_t version) {
  if (version <= self->state.version) return;
  note_version(self, version);
  if (self->state.watcher) self->send(self->state.watcher, dataset_version_seen{version});
}

// Answers every request waiting on `key` and forgets the fill.
void finish(shard_pointer self, const document_key& key, const document_outcome& outcome) {
  auto found = self->state.fills.find(key);
  if (found == self->state.fills.end()) return;
  auto waiters = std::move(found->second.waiters);
  self->state.fills.erase(found);
  for (auto& waiter : waiters) waiter.deliver(outcome);
}

void on_fill(shard_pointer self, const document_key& key, document_outcome outcome,
             bool holds_lease);

void do_fill(shard_pointer self, const document_key& key, bool holds_lease) {
  auto found = self->state.fills.find(key);
  if (found == self->state.fills.end()) return;
  auto request = found->second.request;
  if (self->state.config.gate && !self->state.config.gate->admit(request.deadline))
    return on_fill(self, key, overloaded_outcome("admission: estimated queue wait over budget"),
                   holds_lease);
  ++self->state.counters.fills;
  auto remaining = request.deadline - deadline_clock::now();
  auto timeout = std::chrono::duration_cast<caf::timespan>(
      std::max(remaining, deadline_clock::duration::zero()) + fill_margin);
  self->request(self->state.pool, timeout, std::move(request))
      .then([=](document_outcome& answer) { on_fill(self, key, std::move(answer), holds_lease); },
            [=](caf::error& error) {
              bool timed_out = error == caf::sec::request_timeout;
              on_fill(self, key,
                      document_outcome::failure(
                          timed_out ? service_error::deadline_exceeded : service_error::internal,
                          timed_out ? "the request took too long; try again" : "internal error",
                          self->system().render(error)),
                      holds_lease);
            });
}

void store(shard_pointer self, const document_key& key, const document_outcome& outcome,
           bool holds_lease, const std::string& lease_key) {
  auto& config = self->state.config;
  cache_store message;
  message.key = cache_key_of(outcome.dataset_version, key);
  message.value = encode(outcome);
  message.ttl_seconds = outcome.state == document_outcome::status::found
                            ? config.found_ttl_seconds
                            : config.missing_ttl_seconds;
  // The lease was taken under the version known then; release it wherever it lives.
  message.release_lease = holds_lease && message.key == lease_key;
  if (holds_lease && !message.release_lease) self->send(self->state.io, cache_release{lease_key});
  self->send(self->state.io, std::move(message));
}

void on_fill(shard_pointer self, const document_key& key, document_outcome outcome,
             bool holds_lease) {
  auto found = self->state.fills.find(key);
  std::string lease_key = found == self->state.fills.end() ? "" : found->second.cache_key;
  auto now = deadline_clock::now();
  if (cacheable(outcome)) {
    report_version(self, outcome.dataset_version);
    self->state.l1.put(key, outcome, now);
    store(self, key, outcome, holds_lease, lease_key);
    finish(self, key, outcome);
    return;
  }
  if (holds_lease) self->send(self->state.io, cache_release{lease_key});
  if (stale_allowed(outcome)) {
    if (auto* stale = self->state.l1.stale(key, self->state.config.stale_window, now)) {
      ++self->state.counters.stale_serves;
      finish(self, key, *stale);
      return;
    }
  }
  finish(self, key, outcome);
}

void on_lookup(shard_pointer self, const document_key& key, cache_lookup_result& result);

// Sends the queued lookups (up to max_lookup_batch) whose fills still wait, as one batch.
void send_lookups(shard_pointer self) {
  auto& state = self->state;
  auto& queue = state.lookup_queue;
  cache_lookups batch;
  std::vector<document_key> keys;
  std::size_t taken = 0;
  for (; taken < queue.size() && keys.size() < max_lookup_batch; ++taken) {
    auto found = state.fills.find(queue[taken].key);
    if (found == state.fills.end()) continue;  // answered meanwhile (its deadline passed)
    batch.lookups.push_back(cache_lookup{found->second.cache_key, queue[taken].try_lease});
    keys.push_back(queue[taken].key);
  }
  queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(taken));
  if (keys.empty()) return;
  state.lookup_in_flight = true;
  ++state.counters.ring_batches;
  self->request(state.io, io_timeout, std::move(batch))
      .then(
          [=](cache_lookup_results& answers) {
            auto count = std::min(keys.size(), answers.results.size());
            for (std::size_t index = 0; index < count; ++index)
              on_lookup(self, keys[index], answers.results[index]);
            self->state.lookup_in_flight = false;
            send_lookups(self);
          },
          [=](caf::error&) {
            for (const auto& key : keys) {
              ++self->state.counters.cache_errors;
              do_fill(self, key, false);
            }
            self->state.lookup_in_flight = false;
            send_lookups(self);
          });
}

void do_lookup(shard_pointer self, const document_key& key, bool try_lease) {
  self->state.lookup_queue.push_back(queued_lookup{key, try_lease});
  if (!self->state.lookup_in_flight) send_lookups(self);
}

void on_hit(shard_pointer self, const document_key& key, const std::string& value) {
  auto found = self->state.fills.find(key);
  if (found == self->state.fills.end()) return;
  document_outcome outcome;
  if (!decode(value, found->second.cache_version, outcome)) return do_fill(self, key, false);
  ++self->state.counters.memcached_hits;
  self->state.l1.put(key, outcome, deadline_clock::now());
  finish(self, key, outcome);
}

void on_lookup(shard_pointer self, const document_key& key, cache_lookup_result& result) {
  auto found = self->state.fills.find(key);
  if (found == self->state.fills.end()) return;
  auto& fill = found->second;
  switch (result.state) {
    case lookup_status::hit:
      return on_hit(self, key, result.value);
    case lookup_status::lease_won:
      return do_fill(self, key, true);
    case lookup_status::lease_lost:
      if (fill.lease_wait_until == deadline_clock::time_point{}) {
        ++self->state.counters.lease_waits;
        fill.lease_wait_until = deadline_clock::now() + lease_max_wait;
      }
      if (deadline_clock::now() >= fill.lease_wait_until) return do_fill(self, key, false);
      self->delayed_send(self, lease_poll_interval, lease_poll{key, 0});
      return;
    case lookup_status::unavailable:
      ++self->state.counters.cache_errors;
      return do_fill(self, key, false);
    case lookup_status::miss:
      return do_fill(self, key, false);
  }
}

caf::result<document_outcome> on_request(shard_pointer self, document_request& request) {
  auto& state = self->state;
  auto now = deadline_clock::now();
  if (auto* cached = state.l1.fresh(request.key, state.version, state.config.l1_ttl, now)) {
    ++state.counters.l1_hits;
    return *cached;
  }
  auto promise = self->make_response_promise<document_outcome>();
  auto found = state.fills.find(request.key);
  if (found != state.fills.end()) {
    if (found->second.waiters.size() >= state.config.max_waiters) {
      ++state.counters.overloaded;
      return overloaded_outcome("too many requests waiting for one cache fill");
    }
    ++state.counters.coalesced_waiters;
    found->second.waiters.push_back(promise);
    return promise;
  }
  ++state.counters.misses;
  auto key = request.key;
  auto& fill = state.fills[key];
  fill.request = std::move(request);
  fill.waiters.push_back(promise);
  // Until the version is known, cache keys cannot be named: go straight to the pool.
  if (state.version == 0) {
    do_fill(self, key, false);
    return promise;
  }
  fill.cache_key = cache_key_of(state.version, key);
  fill.cache_version = state.version;
  do_lookup(self, key, true);
  return promise;
}

caf::result<cache_snapshot> on_snapshot(shard_pointer self) {
  auto promise = self->make_response_promise<cache_snapshot>();
  self->request(self->state.io, io_timeout, snapshot_atom::value)
      .then(
          [=](cache_ring_health& health) mutable {
            auto snapshot = self->state.counters;
            snapshot.nodes = std::move(health.nodes);
            promise.deliver(std::move(snapshot));
          },
          [=](caf::error&) mutable { promise.deliver(self->state.counters); });
  return promise;
}

}  // namespace

std::string cache_key_of(std::int64_t version, const document_key& key) {
  return "atelier:v" + std::to_string(version) + ":" + to_string(key);
}

cache_shard_actor::behavior_type cache_shard(shard_pointer self, query_pool_actor pool,
                                             std::shared_ptr<const memcached_ring> ring,
                                             cache_shard_config config,
                                             version_watcher_actor watcher) {
  auto& state = self->state;
  state.l1 = cache_l1(config.l1_entries);
  state.config = config;
  state.pool = std::move(pool);
  state.watcher = std::move(watcher);
  state.io = self->spawn<caf::linked + caf::detached>(cache_io, std::move(ring));
  return {
      [=](document_request& request) { return on_request(self, request); },
      [=](snapshot_atom) { return on_snapshot(self); },
      [=](const dataset_version_seen& seen) { note_version(self, seen.version); },
      [=](const lease_poll& poll) {
        if (self->state.fills.count(poll.key) != 0) do_lookup(self, poll.key, true);
      },
  };
}

}  // namespace atelier
