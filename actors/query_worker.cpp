// Query actor behavior: a request in, one prepared-statement round trip, an outcome out.
#include "actors/query_worker.hpp"

namespace atelier {

namespace {

document_outcome expired_outcome() {
  return document_outcome::failure(service_error::deadline_exceeded,
                                   "the request took too long; try again",
                                   "deadline passed before the query ran");
}

}  // namespace

query_worker_actor::behavior_type query_worker(
    query_worker_actor::stateful_pointer<query_worker_state> self, std::string database_url) {
  self->state.queries.emplace(std::move(database_url));
  return {
      [=](const document_request& request) -> document_outcome {
        if (deadline_clock::now() >= request.deadline) return expired_outcome();
        return self->state.queries->fetch(request.key);
      },
      [=](probe_atom) -> document_outcome { return self->state.queries->probe(); },
  };
}

query_worker_actor spawn_query_worker(caf::actor_system& system, const std::string& database_url) {
  return system.spawn<caf::detached>(query_worker, database_url);
}

}  // namespace atelier
