// Query actor behavior: a request in, one prepared-statement round trip, an outcome out.
#include "actors/query_worker.hpp"

namespace atelier {

namespace {

document_outcome expired_outcome() {
  return document_outcome::failure(service_error::deadline_exceeded,
                                   "the request took too long; try again",
                                   "deadline passed before the query ran");
}

using worker_pointer = query_worker_actor::stateful_pointer<query_worker_state>;

// Runs one round trip and tells the observer its latency and any connection change.
template <class RoundTrip>
document_outcome measured(worker_pointer self, RoundTrip round_trip) {
  auto& state = self->state;
  if (!state.observer) return round_trip();
  auto started = deadline_clock::now();
  auto outcome = round_trip();
  state.observer->on_query(deadline_clock::now() - started);
  bool up = state.queries->connected();
  auto reconnects = state.queries->reconnects();
  if (up != state.reported_up || reconnects != state.reported_reconnects) {
    state.observer->on_connection_change(up == state.reported_up ? 0 : (up ? 1 : -1),
                                         reconnects - state.reported_reconnects);
    state.reported_up = up;
    state.reported_reconnects = reconnects;
  }
  return outcome;
}

}  // namespace

query_worker_actor::behavior_type query_worker(worker_pointer self, std::string database_url,
                                               std::chrono::milliseconds statement_timeout,
                                               std::shared_ptr<pool_observer> observer) {
  self->state.queries.emplace(std::move(database_url), statement_timeout);
  self->state.observer = std::move(observer);
  return {
      [=](const document_request& request) -> document_outcome {
        if (deadline_clock::now() >= request.deadline) return expired_outcome();
        return measured(self, [&] { return self->state.queries->fetch(request.key); });
      },
      [=](probe_atom) -> document_outcome {
        return measured(self, [&] { return self->state.queries->probe(); });
      },
  };
}

query_worker_actor spawn_query_worker(caf::actor_system& system, const std::string& database_url,
                                      std::chrono::milliseconds statement_timeout,
                                      std::shared_ptr<pool_observer> observer) {
  return system.spawn<caf::detached>(query_worker, database_url, statement_timeout,
                                     std::move(observer));
}

}  // namespace atelier
