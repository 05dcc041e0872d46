// The HTTP ingress actor: takes requests from HTTP threads and asks a document source for the
// answer.
#pragma once

#include "actors/messages.hpp"

namespace atelier {

struct ingress_state {
  document_source_actor source;
  query_pool_actor pool;
  static inline const char* name = "ingress";
};

/// For each ingress_request, asks `source` with a timeout equal to the time left before the
/// deadline and passes the outcome (or deadline_exceeded) to the request's callback, exactly once.
/// Readiness probes go to `pool` (Postgres itself), bypassing any cache in `source`.
ingress_actor::behavior_type ingress(ingress_actor::stateful_pointer<ingress_state> self,
                                     document_source_actor source, query_pool_actor pool);

}  // namespace atelier
