// The rate-limited failure log: per-class throttle and the line format.
#include "service/failure_log.hpp"

#include "http/error_response.hpp"

namespace atelier {

failure_log::failure_log(std::ostream& out, std::chrono::milliseconds interval)
    : out_(out), interval_(interval) {}

void failure_log::record(service_error error, const document_key& key, const std::string& detail,
                         clock::time_point now) {
  const unsigned status = http::status_for(error);
  if (status < 500) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& entry = classes_[static_cast<std::size_t>(error)];
  if (entry.logged_once && now - entry.last_line < interval_) {
    ++entry.folded;
    return;
  }
  // One write of a whole line, so lines of other threads' output do not interleave with it.
  std::string line = "atelier-service: " + std::to_string(status) + ' ' +
                     std::string(to_string(error)) + " for " + to_string(key) + ": " + detail;
  if (entry.folded > 0) line += " (and " + std::to_string(entry.folded) + " more since the last)";
  line += '\n';
  out_ << line << std::flush;
  entry.logged_once = true;
  entry.last_line = now;
  entry.folded = 0;
}

}  // namespace atelier
