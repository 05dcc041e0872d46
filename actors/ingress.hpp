// The HTTP ingress actor: takes requests from HTTP threads and asks a document source for the
// answer.
#pragma once

#include <memory>
#include <vector>

#include "actors/admission_gate.hpp"
#include "actors/messages.hpp"

namespace atelier {

struct ingress_state {
  std::vector<document_source_actor> sources;
  query_pool_actor pool;
  std::shared_ptr<admission_gate> gate;  // null: every request goes to the source
  static inline const char* name = "ingress";
};

/// For each ingress_request, asks the source owning its key (`sources[shard_index_of(key, n)]`:
/// the cache shards, or the pool alone) with a timeout equal to the time left before the deadline
/// and passes the outcome (or deadline_exceeded) to the request's callback, exactly once. Asking
/// the owning shard directly saves a mailbox hop per request over going through the cache front.
/// Readiness probes go to `pool` (Postgres itself), bypassing any cache. With a `gate` (when the
/// source is the pool itself), a request the gate refuses is answered `overloaded` at once, before
/// anything is queued; behind a cache the shards ask the gate, so cache hits are never shed.
/// `sources` must not be empty.
ingress_actor::behavior_type ingress(ingress_actor::stateful_pointer<ingress_state> self,
                                     std::vector<document_source_actor> sources,
                                     query_pool_actor pool,
                                     std::shared_ptr<admission_gate> gate = nullptr);

}  // namespace atelier
