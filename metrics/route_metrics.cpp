// Registers and records the per-route request counters and latency histograms.
#include "metrics/route_metrics.hpp"

#include <string>

#include "metrics/latency_buckets.hpp"

namespace atelier::metrics {

std::string_view label_of(api_route route) {
  switch (route) {
    case api_route::products_list:
      return "products_list";
    case api_route::product:
      return "product";
    case api_route::styles:
      return "styles";
    case api_route::related:
      return "related";
    case api_route::other:
      break;
  }
  return "other";
}

route_metrics::route_metrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("atelier_http_requests_total")
                    .Help("HTTP requests answered, by route and status code")
                    .Register(registry)) {
  auto& durations = prometheus::BuildHistogram()
                        .Name("atelier_http_request_duration_seconds")
                        .Help("Time from a request's arrival to its response, by route")
                        .Register(registry);
  for (std::size_t index = 0; index < durations_.size(); ++index) {
    auto route = static_cast<api_route>(index);
    durations_[index] =
        &durations.Add({{"route", std::string(label_of(route))}}, latency_buckets());
  }
}

void route_metrics::observe(api_route route, unsigned status,
                            std::chrono::steady_clock::duration latency) {
  // Family::Add returns the existing series for known labels (it locks a mutex briefly).
  requests_.Add({{"route", std::string(label_of(route))}, {"code", std::to_string(status)}})
      .Increment();
  durations_[static_cast<std::size_t>(route)]->Observe(seconds_of(latency));
}

}  // namespace atelier::metrics
