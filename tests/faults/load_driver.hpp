// A small HTTP load driver for the fault suite: closed-loop (N connections as fast as they can) or
// open-loop (paced at R req/s, latency from the intended send time) over the test http_client.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace atelier::testing {

/// Makes the next request target; called from one driver thread with that thread's generator.
using target_generator = std::function<std::string(std::mt19937_64&)>;

/// Which API routes a generated target may hit; the list route uses count=page_count.
enum class route_mix { product, styles, related, page_view, page };

/// Targets of `mix` over ids drawn uniformly from [first_id, last_id]. page_view cycles product,
/// styles and related like a product page; page draws a page number so ids stay in the range.
target_generator uniform_targets(route_mix mix, int first_id, int last_id, int page_count = 5);

/// How to drive the service.
struct load_options {
  int connections = 8;                           ///< one thread and keep-alive connection each
  std::chrono::milliseconds duration{2000};      ///< sending stops after this
  double rate_per_second = 0;                    ///< total paced rate; 0 = closed loop
  std::chrono::milliseconds read_timeout{3000};  ///< a response slower than this is an error
  std::chrono::milliseconds slow_after{0};       ///< answers slower than this count as slow
  target_generator targets;                      ///< required
  std::uint64_t seed = 1;
};

/// Latency percentiles of one class of answers, in milliseconds.
struct latency_summary {
  std::uint64_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

/// Nearest-rank p50/p99 and the maximum of `samples` (milliseconds); zeros when empty.
latency_summary summarize(std::vector<double> samples);

/// What one run saw. Admitted = the service did the work (2xx, 304, 404); shed = 503.
struct load_result {
  std::uint64_t requests = 0;          ///< requests sent
  std::uint64_t transport_errors = 0;  ///< no response: refused, reset, closed or timed out
  std::uint64_t unsent = 0;            ///< open loop: sends still due when the run ended
  std::uint64_t shed_without_retry_after = 0;
  std::uint64_t slow = 0;  ///< answers (any status) slower than load_options::slow_after
  std::map<unsigned, std::uint64_t> status_counts;
  latency_summary admitted;
  latency_summary shed;
  latency_summary all;  ///< every answer, whatever its status
  double elapsed_seconds = 0;

  std::uint64_t count(unsigned status) const;
  /// Answers that are neither admitted nor shed (5xx other than 503, 4xx other than 404, ...).
  std::uint64_t unexpected() const;
  double admitted_per_second() const;
  /// "200:1234 503:56 ..." for failure messages and table notes.
  std::string status_line() const;
};

/// Runs the load and blocks until every thread is done (at most duration + read_timeout).
/// Open loop: each thread owns every connections-th slot of the schedule; a slot whose send is
/// late is sent at once and its latency still counts from the slot's time, so queueing shows.
load_result run_load(unsigned short port, const load_options& options);

}  // namespace atelier::testing
