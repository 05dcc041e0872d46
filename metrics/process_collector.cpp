// Reads /proc/self/statm and /proc/self/fd into gauge families on each scrape.
#include "metrics/process_collector.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

namespace atelier::metrics {
namespace {

prometheus::MetricFamily gauge_family(const char* name, const char* help, double value) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = prometheus::MetricType::Gauge;
  prometheus::ClientMetric sample;
  sample.gauge.value = value;
  family.metric.push_back(sample);
  return family;
}

/// Resident set size in bytes: the second field of /proc/self/statm, in pages.
std::optional<double> resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long total_pages = 0;
  long resident_pages = 0;
  if (!(statm >> total_pages >> resident_pages)) return std::nullopt;
  return static_cast<double>(resident_pages) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

std::optional<double> open_fds() {
  std::error_code error;
  std::filesystem::directory_iterator entries("/proc/self/fd", error);
  if (error) return std::nullopt;
  double count = 0;
  for (auto it = entries; it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (error) return std::nullopt;
    ++count;
  }
  return count - 1;  // the iterator's own directory descriptor is not the service's
}

}  // namespace

process_collector::process_collector()
    : start_time_seconds_(
          std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
              .count()) {}

std::vector<prometheus::MetricFamily> process_collector::Collect() const {
  std::vector<prometheus::MetricFamily> families;
  if (auto bytes = resident_bytes())
    families.push_back(
        gauge_family("process_resident_memory_bytes", "Resident memory size in bytes", *bytes));
  if (auto fds = open_fds())
    families.push_back(gauge_family("process_open_fds", "Open file descriptors", *fds));
  families.push_back(gauge_family("process_start_time_seconds",
                                  "Start time of the service since the Unix epoch in seconds",
                                  start_time_seconds_));
  auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_);
  families.push_back(gauge_family("atelier_process_uptime_seconds",
                                  "Seconds since the service started", uptime.count()));
  return families;
}

}  // namespace atelier::metrics
