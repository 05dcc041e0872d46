// The query pool: hands each document request to an idle query worker, queueing (bounded) when all
// are busy.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "actors/admission_gate.hpp"
#include "actors/messages.hpp"
#include "actors/pool_observer.hpp"

namespace atelier {

/// Sizing of one pool; values come from the service config.
struct query_pool_config {
  std::string database_url;
  std::size_t workers = 8;       ///< detached actors = Postgres connections
  std::size_t max_queued = 256;  ///< beyond this, requests are shed with `overloaded`
  std::chrono::milliseconds statement_timeout{
      0};                                   ///< Postgres cancels longer statements (0: never)
  std::shared_ptr<pool_observer> observer;  ///< optional: queue wait, processing time, Postgres
  std::shared_ptr<admission_gate> gate;     ///< optional: told the queue depth and service times
};

struct pending_query {
  document_request request;
  caf::typed_response_promise<document_outcome> promise;
  deadline_clock::time_point enqueued_at = deadline_clock::now();  // for the queue-wait histogram
};

struct query_pool_state {
  std::vector<query_worker_actor> workers;
  std::vector<std::size_t> idle;  // indices into workers
  std::deque<pending_query> queue;
  std::size_t max_queued = 0;
  pool_snapshot counters;
  std::shared_ptr<pool_observer> observer;  // null: nothing measured
  std::shared_ptr<admission_gate> gate;     // null: nobody asks before sending work
  static inline const char* name = "query_pool";
};

/// Work-pulling dispatcher: a worker gets the next request only when it finished the last one, so
/// one slow query never holds others behind it in a worker mailbox. Requests that expire while
/// queued are answered deadline_exceeded without reaching Postgres. Workers are linked: they die
/// with the pool.
query_pool_actor::behavior_type query_pool(
    query_pool_actor::stateful_pointer<query_pool_state> self, query_pool_config config);

}  // namespace atelier
