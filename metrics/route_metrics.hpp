// RED metrics of the HTTP API: requests by route and status code, and their latency.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <chrono>
#include <string_view>

namespace atelier::metrics {

/// The route label values; everything that is not one of the four API routes is `other`
/// (health, metrics, dashboard, unknown paths and unparsable targets).
enum class api_route { products_list, product, styles, related, other };

/// `products_list`, `product`, `styles`, `related` or `other`.
std::string_view label_of(api_route route);

/// atelier_http_requests_total{route,code} and atelier_http_request_duration_seconds{route}.
/// Thread-safe: observe() is called from I/O and CAF threads alike.
class route_metrics {
 public:
  explicit route_metrics(prometheus::Registry& registry);
  /// Counts one answered request and its latency from arrival to response.
  void observe(api_route route, unsigned status, std::chrono::steady_clock::duration latency);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  std::array<prometheus::Histogram*, 5> durations_{};  // by api_route
};

}  // namespace atelier::metrics
