// Query pool behavior: idle-worker dispatch, bounded queue, deadline expiry, counters.
#include "actors/query_pool.hpp"

#include "actors/query_worker.hpp"

namespace atelier {
namespace {

using pool_pointer = query_pool_actor::stateful_pointer<query_pool_state>;

document_outcome overloaded_outcome() {
  return document_outcome::failure(service_error::overloaded,
                                   "the service is overloaded; retry shortly",
                                   "query pool queue full");
}

document_outcome expired_outcome() {
  return document_outcome::failure(service_error::deadline_exceeded,
                                   "the request took too long; try again",
                                   "deadline passed while queued");
}

void on_worker_free(pool_pointer self, std::size_t worker_index);

bool timed_out(const document_outcome& outcome) {
  return outcome.state == document_outcome::status::failed &&
         outcome.error == service_error::deadline_exceeded;
}

// Tells the admission gate (if any) where the queue stands after every change.
void publish(pool_pointer self) {
  auto& state = self->state;
  if (state.gate) state.gate->on_queue_change(state.queue.size(), state.counters.busy);
}

void do_dispatch(pool_pointer self, std::size_t worker_index, pending_query pending) {
  auto& state = self->state;
  ++state.counters.busy;
  auto promise = pending.promise;
  auto dispatched_at = deadline_clock::now();
  if (state.observer) state.observer->on_dispatched(dispatched_at - pending.enqueued_at);
  self->request(state.workers[worker_index], caf::infinite, std::move(pending.request))
      .then(
          [=](document_outcome& outcome) mutable {
            auto processing = deadline_clock::now() - dispatched_at;
            if (self->state.observer) self->state.observer->on_answered(processing);
            if (self->state.gate && timed_out(outcome))
              self->state.gate->on_progress();
            else if (self->state.gate)
              self->state.gate->on_service_time(processing);
            promise.deliver(std::move(outcome));
            on_worker_free(self, worker_index);
          },
          [=](caf::error& error) mutable {
            promise.deliver(document_outcome::failure(service_error::internal, "internal error",
                                                      self->system().render(error)));
            on_worker_free(self, worker_index);
          });
}

// A finished worker takes the oldest request that can still meet its deadline.
void on_worker_free(pool_pointer self, std::size_t worker_index) {
  auto& state = self->state;
  --state.counters.busy;
  ++state.counters.processed;
  auto now = deadline_clock::now();
  while (!state.queue.empty()) {
    auto pending = std::move(state.queue.front());
    state.queue.pop_front();
    if (now >= pending.request.deadline) {
      ++state.counters.expired;
      if (state.observer) state.observer->on_expired();
      pending.promise.deliver(expired_outcome());
      continue;
    }
    do_dispatch(self, worker_index, std::move(pending));
    return publish(self);
  }
  state.idle.push_back(worker_index);
  publish(self);
}

caf::result<document_outcome> on_request(pool_pointer self, document_request& request) {
  auto& state = self->state;
  auto promise = self->make_response_promise<document_outcome>();
  if (!state.idle.empty()) {
    auto worker_index = state.idle.back();
    state.idle.pop_back();
    do_dispatch(self, worker_index, pending_query{std::move(request), promise});
    publish(self);
    return promise;
  }
  if (state.queue.size() >= state.max_queued) {
    ++state.counters.rejected;
    if (state.observer) state.observer->on_rejected();
    return overloaded_outcome();
  }
  state.queue.push_back(pending_query{std::move(request), promise});
  publish(self);
  return promise;
}

}  // namespace

query_pool_actor::behavior_type query_pool(pool_pointer self, query_pool_config config) {
  auto& state = self->state;
  state.max_queued = config.max_queued;
  state.observer = config.observer;
  state.gate = config.gate;
  for (std::size_t index = 0; index < config.workers; ++index) {
    state.workers.push_back(self->spawn<caf::linked + caf::detached>(
        query_worker, config.database_url, config.statement_timeout, config.observer));
    state.idle.push_back(index);
  }
  state.counters.workers = static_cast<std::uint32_t>(config.workers);
  return {
      [=](document_request& request) { return on_request(self, request); },
      // Readiness goes to one worker's mailbox directly: at worst it waits for one query.
      [=](probe_atom) { return self->delegate(self->state.workers.front(), probe_atom::value); },
      [=](snapshot_atom) {
        auto snapshot = self->state.counters;
        snapshot.queued = static_cast<std::uint32_t>(self->state.queue.size());
        return snapshot;
      },
  };
}

}  // namespace atelier
