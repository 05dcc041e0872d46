// Builds the service's metric set and serializes it with prometheus::TextSerializer.
#include "metrics/service_metrics.hpp"

#include <prometheus/text_serializer.h>

namespace atelier::metrics {

service_metrics::service_metrics(prometheus::Registry& registry)
    : registry_(registry),
      routes_(registry),
      pool_(std::make_shared<pool_metrics>(registry, "query_pool")) {}

void service_metrics::update_cache(const cache_figures& figures) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (!cache_) cache_ = std::make_unique<cache_metrics>(registry_);
  cache_->update(figures);
}

std::string service_metrics::scrape() const {
  auto families = registry_.Collect();
  auto process_families = process_.Collect();
  families.insert(families.end(), process_families.begin(), process_families.end());
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace atelier::metrics
