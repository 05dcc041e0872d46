// Overload at twice the measured capacity with Postgres as the bottleneck (no cache): admission
// control keeps admitted latency near the unloaded latency, sheds the excess at once with 503 +
// Retry-After, and the process's memory stays bounded.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <future>
#include <random>
#include <thread>
#include <utility>

#include "tests/faults/fault_table.hpp"
#include "tests/faults/load_driver.hpp"
#include "tests/faults/metrics_scrape.hpp"
#include "tests/faults/service_cluster.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

// Below this, "2x the unloaded p99" is scheduler noise on a shared 2-core box (one context
// switch costs a millisecond there), so the bound never drops under it; the row's note says so.
constexpr double p99_floor_ms = 3.0;
// One query actor = one Postgres backend = at most one core: Postgres saturates while the other
// core is left to the HTTP side and the driver, as when Postgres is a separate, smaller machine.
constexpr int pool_size = 1;
// The admission budget: the automatic one (at least 1/50 of the deadline, 20 ms) lets bursts
// through; the 2x-unloaded-p99 bound asks for one near the query time.
constexpr const char* max_queue_wait_ms = "2";
// Memory may grow by connection buffers and a bounded queue, not by the backlog of 2x load.
constexpr long rss_growth_limit_kib = 64 * 1024;
// Offered load of the overload phase, in multiples of the capacity measured just before.
constexpr double overload_factor = 2.0;
// Connections of the capacity phase: two per query actor keep it busy without being shed (a
// closed loop that is shed re-sends at once and measures the shedding, not the capacity).
constexpr int capacity_connections = 2 * pool_size;
// Open-loop connections: enough that paced sends are not held back by slow answers.
constexpr int overload_connections = 48;
constexpr milliseconds phase_duration{2500};
// Ids warmed into the cache, and the paced misses that saturate one query actor (above its
// capacity, yet not so far above that the driver alone starves the box).
constexpr int hot_ids = 100;
constexpr double cold_rate = 1200;
constexpr int cold_connections = 24;
// Measurement windows tried before the scenario fails.
constexpr int max_windows = 3;
// Paced well below capacity (an eighth or less), yet enough answers for a p99.
constexpr double unloaded_rate = 100;
// Product list pages of this many rows: each costs Postgres far more than the HTTP exchange costs
// the driver and the service, so on 2 shared cores Postgres saturates long before the driver does
// and 2x its capacity can still be offered on schedule.
constexpr int page_rows = 100;

std::string ms(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

/// Samples the service's RSS every 50 ms while a load phase runs and keeps the peak.
class rss_watch {
 public:
  explicit rss_watch(const service_cluster& cluster)
      : thread_([this, &cluster] {
          while (!done_) {
            peak_ = std::max(peak_.load(), cluster.service_rss_kib());
            std::this_thread::sleep_for(milliseconds(50));
          }
        }) {}
  ~rss_watch() { stop(); }
  long stop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
    return peak_;
  }

 private:
  std::atomic<bool> done_{false};
  std::atomic<long> peak_{0};
  std::thread thread_;
};

struct query_time {
  double seconds = 0;
  double count = 0;
};

// The pool's processing-time histogram: dispatch to a query actor until its answer.
query_time query_time_totals(unsigned short port) {
  // The sampler does not feed this histogram (workers record as they answer), so it is current.
  return {metric_value(port, "caf_actor_processing_time_seconds_sum").value_or(0),
          metric_value(port, "caf_actor_processing_time_seconds_count").value_or(0)};
}

/// One measurement window: capacity and the unloaded reference right before the 2x overload.
struct overload_window {
  load_result closed_loop;
  double mean_query_ms = 0;
  double capacity_rps = 0;
  load_result unloaded;                     ///< the quieter of the two paced runs
  std::pair<double, double> unloaded_p99s;  ///< before and after the overload
  load_result overload;
  long rss_before_kib = 0;
  long rss_growth_kib = 0;
  double shed_counted = 0;  ///< growth of atelier_requests_shed_total over the overload
  double bound_ms = 0;

  /// Whether the window really was overload: a third or more of the requests shed. A box that
  /// got faster since capacity was measured would otherwise "pass" at 1.1x.
  bool overloaded() const {
    return static_cast<double>(overload.requests) >= 1.5 * overload.admitted.count;
  }
  std::uint64_t errors() const { return overload.transport_errors + overload.unexpected(); }
  bool admitted_ok() const {
    return overload.admitted.p99_ms <= bound_ms && errors() == 0 && rss_before_kib > 0 &&
           rss_growth_kib <= rss_growth_limit_kib;
  }
  bool shed_ok() const {
    return overload.shed.count > 0 && overload.shed.p99_ms <= bound_ms &&
           overload.shed_without_retry_after == 0 &&
           shed_counted >= static_cast<double>(overload.shed.count) &&
           overload.unsent * 100 <= overload.requests && overloaded();
  }
};

// Capacity, the unloaded reference and the overload, back to back: this box's speed drifts
// with its neighbours' load, so each figure is taken seconds from the others.
overload_window measure_window(const service_cluster& cluster, load_options load) {
  const auto port = cluster.port();
  overload_window window;
  load.connections = capacity_connections;
  const auto busy_before = query_time_totals(port);
  window.closed_loop = run_load(port, load);
  const auto busy_after = query_time_totals(port);
  // What Postgres can do: query actors / mean query time, or what the closed loop got if more.
  window.mean_query_ms =
      1000 * (busy_after.seconds - busy_before.seconds) / (busy_after.count - busy_before.count);
  window.capacity_rps =
      std::max(window.closed_loop.admitted_per_second(), 1000 * pool_size / window.mean_query_ms);
  load.connections = 4;
  load.rate_per_second = unloaded_rate;
  const auto unloaded_before = run_load(port, load);
  window.rss_before_kib = cluster.service_rss_kib();
  const auto shed_before = metric_value(port, "atelier_requests_shed_total").value_or(0);
  load.rate_per_second = overload_factor * window.capacity_rps;
  load.connections = overload_connections;
  rss_watch watch(cluster);
  window.overload = run_load(port, load);
  window.rss_growth_kib = watch.stop() - window.rss_before_kib;
  window.shed_counted = metric_value(port, "atelier_requests_shed_total").value_or(0) - shed_before;
  // The reference is the quieter of two paced runs, before and after: one stall of the box during
  // a reference would double a loose bound. The one after also shows the service recovered.
  load.connections = 4;
  load.rate_per_second = unloaded_rate;
  const auto unloaded_after = run_load(port, load);
  window.unloaded_p99s = {unloaded_before.admitted.p99_ms, unloaded_after.admitted.p99_ms};
  window.unloaded = unloaded_before.admitted.p99_ms <= unloaded_after.admitted.p99_ms
                        ? unloaded_before
                        : unloaded_after;
  window.bound_ms = std::max(2 * window.unloaded.admitted.p99_ms, p99_floor_ms);
  return window;
}

void record_window(const overload_window& window, int attempt) {
  const auto& closed_loop = window.closed_loop;
  const auto& unloaded = window.unloaded;
  const auto& overload = window.overload;
  const std::string tried = attempt == 1 ? "" : "; window " + std::to_string(attempt) + " of 3";
  record_fault_row(
      {"overload: capacity (closed loop, " + std::to_string(capacity_connections) + " connections)",
       closed_loop.requests, closed_loop.transport_errors + closed_loop.unexpected(),
       closed_loop.admitted.p99_ms, true,
       ms(closed_loop.admitted_per_second()) + " req/s; capacity " + ms(window.capacity_rps) +
           " req/s (1 query actor, mean query " + ms(window.mean_query_ms) + " ms); random " +
           std::to_string(page_rows) + "-row pages, no cache, --max-queue-wait-ms " +
           max_queue_wait_ms + tried});
  record_fault_row({"overload: unloaded (" + ms(unloaded_rate) + " req/s paced)", unloaded.requests,
                    unloaded.transport_errors + unloaded.unexpected() + unloaded.count(503),
                    unloaded.admitted.p99_ms, true,
                    "the lower p99 of two paced runs, before and after the overload (" +
                        ms(window.unloaded_p99s.first) + ", " + ms(window.unloaded_p99s.second) +
                        " ms): the bound's reference"});
  record_fault_row({"overload: 2x capacity, admitted answers", overload.admitted.count,
                    window.errors(), overload.admitted.p99_ms, window.admitted_ok(),
                    "p99 <= max(2 x unloaded p99, " + ms(p99_floor_ms) + " ms floor) = " +
                        ms(window.bound_ms) + " ms; RSS +" + std::to_string(window.rss_growth_kib) +
                        " KiB (of " + std::to_string(window.rss_before_kib / 1024) +
                        " MiB) <= 64 MiB; offered " + ms(overload_factor * window.capacity_rps) +
                        " req/s, admitted " + ms(overload.admitted_per_second()) + " req/s"});
  record_fault_row({"overload: 2x capacity, shed answers (503)", overload.shed.count,
                    overload.shed_without_retry_after, overload.shed.p99_ms, window.shed_ok(),
                    "all carry Retry-After (errors = without), p99 <= " + ms(window.bound_ms) +
                        " ms, >= 1/3 of requests, counted in atelier_requests_shed_total"});
}

TEST(overload, twice_capacity_is_shed_at_once_and_admitted_latency_holds) {
  cluster_options options;
  options.memcached_nodes = 0;  // Postgres is the bottleneck: every request is a query
  options.extra_flags = {"--pool-size", std::to_string(pool_size), "--max-queue-wait-ms",
                         max_queue_wait_ms};
  service_cluster cluster(options);
  load_options load;
  load.targets = uniform_targets(route_mix::page, 1, cluster.products(), page_rows);
  load.duration = phase_duration;
  // A stall or speed-up of the shared box can spoil one window; up to two more are measured.
  overload_window window;
  int attempt = 0;
  while (attempt < max_windows) {
    window = measure_window(cluster, load);
    ++attempt;
    if (window.admitted_ok() && window.shed_ok()) break;
  }
  record_window(window, attempt);
  const auto& overload = window.overload;
  EXPECT_LE(overload.unsent * 100, overload.requests)
      << "the driver could not offer the load: " << overload.status_line();
  EXPECT_EQ(window.errors(), 0u) << overload.status_line();
  EXPECT_LE(overload.admitted.p99_ms, window.bound_ms)
      << "unloaded p99 " << window.unloaded.admitted.p99_ms << " ms; " << overload.status_line();
  EXPECT_TRUE(window.overloaded()) << "2x capacity shed under a third: " << overload.status_line();
  EXPECT_LE(overload.shed.p99_ms, window.bound_ms) << "shedding is not immediate";
  EXPECT_EQ(overload.shed_without_retry_after, 0u);
  EXPECT_GE(window.shed_counted, static_cast<double>(overload.shed.count));
  EXPECT_GT(window.rss_before_kib, 0) << "could not read the service's RSS";
  EXPECT_LE(window.rss_growth_kib, rss_growth_limit_kib);
}

// Pages of random sizes: thousands of distinct keys, so every request misses the cache.
target_generator uncached_pages(int products) {
  return [products](std::mt19937_64& random) {
    const int count = std::uniform_int_distribution<int>(page_rows / 2, 3 * page_rows / 2)(random);
    const int page = std::uniform_int_distribution<int>(1, products / count)(random);
    return "/products?page=" + std::to_string(page) + "&count=" + std::to_string(count);
  };
}

TEST(overload, cache_hits_are_not_shed_while_postgres_is_saturated) {
  cluster_options options;
  options.memcached_nodes = 1;
  options.extra_flags = {"--pool-size", std::to_string(pool_size), "--max-queue-wait-ms",
                         max_queue_wait_ms};
  service_cluster cluster(options);
  const auto port = cluster.port();
  load_options hot;
  hot.targets = uniform_targets(route_mix::product, 1, hot_ids);
  hot.connections = 1;
  hot.duration = milliseconds(1000);
  run_load(port, hot);  // warm the hot ids into memcached and the L1
  hot.connections = 4;
  hot.duration = phase_duration;
  load_options cold;
  cold.targets = uncached_pages(cluster.products());
  cold.connections = cold_connections;
  cold.duration = phase_duration;
  cold.rate_per_second = cold_rate;
  auto saturating = std::async(std::launch::async, [&] { return run_load(port, cold); });
  const auto hits = run_load(port, hot);
  const auto misses = saturating.get();
  const auto errors = hits.requests - hits.admitted.count;
  record_fault_row({"overload + cache: hot ids while misses saturate Postgres", hits.requests,
                    errors, hits.admitted.p99_ms, errors == 0 && misses.count(503) > 0,
                    "no hit shed (errors = anything but 200/404) while " +
                        std::to_string(misses.count(503)) + " of " +
                        std::to_string(misses.requests) + " concurrent misses were shed"});
  EXPECT_GT(misses.count(503), 0u) << "Postgres was not saturated: " << misses.status_line();
  EXPECT_EQ(errors, 0u) << hits.status_line();
}

}  // namespace
}  // namespace atelier::testing
