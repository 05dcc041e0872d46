// Every message type and atom the actors exchange, and the typed interfaces built from them.
#pragma once

#include <caf/all.hpp>

#include <chrono>
#include <cstdint>
#include <functional>

#include "storage/document_key.hpp"
#include "storage/document_outcome.hpp"

namespace atelier {

using deadline_clock = std::chrono::steady_clock;

/// Ask for one document; whoever answers must do so before `deadline` or not at all.
struct document_request {
  document_key key;
  deadline_clock::time_point deadline;
};

/// A point-in-time view of a query pool, for metrics, /readyz and admission control.
struct pool_snapshot {
  std::uint32_t workers = 0;
  std::uint32_t busy = 0;
  std::uint32_t queued = 0;
  std::uint64_t processed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t expired = 0;
};

/// Completion callback of an ingress request: invoked exactly once, from a CAF thread.
using outcome_callback = std::function<void(document_outcome)>;

/// What the HTTP side hands to an ingress actor: the document wanted and where the answer goes.
struct ingress_request {
  document_request request;
  outcome_callback reply;
};

/// Asks whether the service can answer: Postgres reachable and a data set loaded.
struct readiness_request {
  outcome_callback reply;
};

}  // namespace atelier

CAF_BEGIN_TYPE_ID_BLOCK(atelier, caf::first_custom_type_id)
CAF_ADD_ATOM(atelier, atelier, snapshot_atom, "snapshot")
CAF_ADD_ATOM(atelier, atelier, probe_atom, "probe")
CAF_ADD_ATOM(atelier, atelier, worker_done_atom, "wdone")
CAF_END_TYPE_ID_BLOCK(atelier)

// Local-only messages: they carry callbacks and time points, and never cross a process boundary.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::document_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::document_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::pool_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::ingress_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(atelier::readiness_request)

namespace atelier {

/// Anything that turns a document request into an outcome: a query pool, later a cache shard.
using document_source_actor =
    caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>>;

/// One detached actor owning one Postgres connection.
using query_worker_actor =
    caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>,
                     caf::replies_to<probe_atom>::with<document_outcome>>;

/// Dispatches requests to idle workers, queueing (bounded) when all are busy.
using query_pool_actor = caf::typed_actor<caf::replies_to<document_request>::with<document_outcome>,
                                          caf::replies_to<probe_atom>::with<document_outcome>,
                                          caf::replies_to<snapshot_atom>::with<pool_snapshot>>;

/// Receives requests from HTTP threads and answers them through their callbacks.
using ingress_actor =
    caf::typed_actor<caf::reacts_to<ingress_request>, caf::reacts_to<readiness_request>>;

}  // namespace atelier
