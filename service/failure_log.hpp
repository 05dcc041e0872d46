// Server-side failures (5xx) to the log, with the detail clients never see, rate-limited per error
// class so an outage is visible at once without 10,000 lines a second drowning the log.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

#include "storage/document_key.hpp"
#include "storage/service_error.hpp"

namespace atelier {

/// Thread-safe: answers arrive on CAF threads. Per error class, the first failure is written at
/// once and later ones at most once per `interval`, each line saying how many were folded into it.
/// Client errors (400, 404, 405) are not failures of the service and are not logged.
class failure_log {
 public:
  using clock = std::chrono::steady_clock;
  explicit failure_log(std::ostream& out,
                       std::chrono::milliseconds interval = std::chrono::seconds(1));

  void record(service_error error, const document_key& key, const std::string& detail,
              clock::time_point now = clock::now());

 private:
  struct error_class {
    bool logged_once = false;
    clock::time_point last_line;
    std::uint64_t folded = 0;  // failures since last_line that got no line of their own
  };
  static constexpr std::size_t class_count = static_cast<std::size_t>(service_error::internal) + 1;

  std::ostream& out_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::array<error_class, class_count> classes_{};
};

}  // namespace atelier
