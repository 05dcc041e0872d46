// A Prometheus collector of this process's resident memory, open file descriptors and uptime
// (prometheus-cpp has none), read from /proc on each scrape.
#pragma once

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <chrono>
#include <vector>

namespace atelier::metrics {

/// process_resident_memory_bytes, process_open_fds, process_start_time_seconds and
/// atelier_process_uptime_seconds. Linux only; a /proc file that cannot be read yields no sample
/// for that metric rather than a wrong one. Thread-safe (stateless apart from the start time).
class process_collector : public prometheus::Collectable {
 public:
  process_collector();
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  double start_time_seconds_ = 0;  // Unix time of construction
};

}  // namespace atelier::metrics
