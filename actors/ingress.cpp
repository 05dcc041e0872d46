// Ingress actor behavior: request/response with the document source under the request's deadline.
#include "actors/ingress.hpp"

#include "actors/cache_front.hpp"

namespace atelier {
namespace {

using ingress_pointer = ingress_actor::stateful_pointer<ingress_state>;

// Readiness must answer quickly even when Postgres hangs.
constexpr auto readiness_timeout = std::chrono::seconds(2);

document_outcome outcome_of(caf::actor_system& system, const caf::error& error) {
  bool timed_out = error == caf::sec::request_timeout;
  return document_outcome::failure(
      timed_out ? service_error::deadline_exceeded : service_error::internal,
      timed_out ? "the request took too long; try again" : "internal error", system.render(error));
}

document_outcome deadline_outcome() {
  return document_outcome::failure(service_error::deadline_exceeded,
                                   "the request took too long; try again",
                                   "ingress: deadline passed before the source answered");
}

document_outcome shed_outcome() {
  return document_outcome::failure(service_error::overloaded,
                                   "the service is overloaded; retry shortly",
                                   "admission: estimated queue wait over budget");
}

// Answers ticket's request unless the sweep (or an earlier answer) already did.
void answer(ingress_pointer self, std::uint64_t ticket, document_outcome outcome) {
  auto found = self->state.unanswered.find(ticket);
  if (found == self->state.unanswered.end()) return;
  auto reply = std::move(found->second);
  self->state.unanswered.erase(found);
  reply(std::move(outcome));
}

void arm_sweep(ingress_pointer self) {
  if (self->state.sweep_armed) return;
  self->state.sweep_armed = true;
  self->delayed_send(self, deadline_sweep_interval, deadline_sweep_atom::value);
}

void on_sweep(ingress_pointer self) {
  auto& state = self->state;
  state.sweep_armed = false;
  auto now = deadline_clock::now();
  while (!state.deadlines.empty() && state.deadlines.front().first <= now) {
    auto ticket = state.deadlines.front().second;
    state.deadlines.pop_front();
    answer(self, ticket, deadline_outcome());
  }
  if (!state.deadlines.empty()) arm_sweep(self);
}

void on_request(ingress_pointer self, ingress_request& incoming) {
  auto& state = self->state;
  auto deadline = incoming.request.deadline;
  if (deadline <= deadline_clock::now()) return incoming.reply(deadline_outcome());
  if (state.gate && !state.gate->admit(deadline)) return incoming.reply(shed_outcome());
  auto ticket = state.next_ticket++;
  state.unanswered.emplace(ticket, std::move(incoming.reply));
  state.deadlines.emplace_back(deadline, ticket);
  arm_sweep(self);
  const auto& source = state.sources[shard_index_of(incoming.request.key, state.sources.size())];
  // No CAF timeout: the sweep answers at the deadline, and a late answer finds no ticket.
  self->request(source, caf::infinite, std::move(incoming.request))
      .then([=](document_outcome& outcome) { answer(self, ticket, std::move(outcome)); },
            [=](caf::error& error) { answer(self, ticket, outcome_of(self->system(), error)); });
}

}  // namespace

ingress_actor::behavior_type ingress(ingress_pointer self,
                                     std::vector<document_source_actor> sources,
                                     query_pool_actor pool, std::shared_ptr<admission_gate> gate) {
  self->state.sources = std::move(sources);
  self->state.pool = std::move(pool);
  self->state.gate = std::move(gate);
  return {
      [=](ingress_request& incoming) { on_request(self, incoming); },
      [=](readiness_request& incoming) {
        auto reply = std::move(incoming.reply);
        self->request(self->state.pool, readiness_timeout, probe_atom::value)
            .then([reply](document_outcome& outcome) { reply(std::move(outcome)); },
                  [reply, self](caf::error& error) { reply(outcome_of(self->system(), error)); });
      },
      [=](deadline_sweep_atom) { on_sweep(self); },
  };
}

}  // namespace atelier
