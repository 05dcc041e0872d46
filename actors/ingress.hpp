// The HTTP ingress actor: takes requests from HTTP threads and asks a document source for the
// answer.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actors/admission_gate.hpp"
#include "actors/messages.hpp"

namespace atelier {

struct ingress_state {
  std::vector<document_source_actor> sources;
  query_pool_actor pool;
  std::shared_ptr<admission_gate> gate;  // null: every request goes to the source
  /// Requests asked and not yet answered, by ticket.
  std::unordered_map<std::uint64_t, outcome_callback> unanswered;
  /// (deadline, ticket) in arrival order, which is deadline order up to clock jitter.
  std::deque<std::pair<deadline_clock::time_point, std::uint64_t>> deadlines;
  std::uint64_t next_ticket = 0;
  bool sweep_armed = false;
  static inline const char* name = "ingress";
};

/// For each ingress_request, asks the source owning its key (`sources[shard_index_of(key, n)]`:
/// the cache shards, or the pool alone) and passes the outcome to the request's callback, exactly
/// once; a request still unanswered at its deadline gets deadline_exceeded from the ingress's own
/// sweep (every deadline_sweep_interval while any is open, so at most that late). One sweep timer
/// per ingress replaces a CAF request timeout per request, whose clock-thread event and stray
/// timeout message cost more than the cache hit itself. Asking the owning shard directly saves a
/// mailbox hop over going through the cache front. Readiness probes go to `pool` (Postgres itself),
/// bypassing any cache. With a `gate` (when the source is the pool itself), a request the gate
/// refuses is answered `overloaded` at once, before anything is queued; behind a cache the shards
/// ask the gate, so cache hits are never shed. `sources` must not be empty.
ingress_actor::behavior_type ingress(ingress_actor::stateful_pointer<ingress_state> self,
                                     std::vector<document_source_actor> sources,
                                     query_pool_actor pool,
                                     std::shared_ptr<admission_gate> gate = nullptr);

/// How late past its deadline a request is answered deadline_exceeded, at most.
inline constexpr auto deadline_sweep_interval = std::chrono::milliseconds(5);

}  // namespace atelier
