// Ingress actor behavior: request/response with the document source under the request's deadline.
#include "actors/ingress.hpp"

#include "actors/cache_front.hpp"

namespace atelier {
namespace {

// Readiness must answer quickly even when Postgres hangs.
constexpr auto readiness_timeout = std::chrono::seconds(2);

document_outcome outcome_of(caf::actor_system& system, const caf::error& error) {
  bool timed_out = error == caf::sec::request_timeout;
  return document_outcome::failure(
      timed_out ? service_error::deadline_exceeded : service_error::internal,
      timed_out ? "the request took too long; try again" : "internal error", system.render(error));
}

document_outcome shed_outcome() {
  return document_outcome::failure(service_error::overloaded,
                                   "the service is overloaded; retry shortly",
                                   "admission: estimated queue wait over budget");
}

}  // namespace

ingress_actor::behavior_type ingress(ingress_actor::stateful_pointer<ingress_state> self,
                                     std::vector<document_source_actor> sources,
                                     query_pool_actor pool, std::shared_ptr<admission_gate> gate) {
  self->state.sources = std::move(sources);
  self->state.pool = std::move(pool);
  self->state.gate = std::move(gate);
  return {
      [=](ingress_request& incoming) {
        auto reply = std::move(incoming.reply);
        auto remaining = incoming.request.deadline - deadline_clock::now();
        if (remaining <= deadline_clock::duration::zero()) {
          reply(outcome_of(self->system(), caf::sec::request_timeout));
          return;
        }
        if (self->state.gate && !self->state.gate->admit(incoming.request.deadline)) {
          reply(shed_outcome());
          return;
        }
        auto timeout = std::chrono::duration_cast<caf::timespan>(remaining);
        const auto& sources = self->state.sources;
        const auto& source = sources[shard_index_of(incoming.request.key, sources.size())];
        self->request(source, timeout, std::move(incoming.request))
            .then([reply](document_outcome& outcome) { reply(std::move(outcome)); },
                  [reply, self](caf::error& error) { reply(outcome_of(self->system(), error)); });
      },
      [=](readiness_request& incoming) {
        auto reply = std::move(incoming.reply);
        self->request(self->state.pool, readiness_timeout, probe_atom::value)
            .then([reply](document_outcome& outcome) { reply(std::move(outcome)); },
                  [reply, self](caf::error& error) { reply(outcome_of(self->system(), error)); });
      },
  };
}

}  // namespace atelier
