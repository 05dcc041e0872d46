// Postgres stopped under a running service: cached documents are still served, uncached ones are
// refused with 503 well within the deadline, /readyz says 503; Postgres back: full service within
// 2 s, by the same process. Postgres hung (every query blocked behind a lock): most requests are
// shed at once with 503 instead of each waiting for its deadline; lock gone: full service again.
#include <gtest/gtest.h>

#include <signal.h>

#include <cstdio>
#include <pqxx/pqxx>

#include "tests/faults/fault_table.hpp"
#include "tests/faults/load_driver.hpp"
#include "tests/faults/service_cluster.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

constexpr unsigned request_timeout_ms = 1000;
// Ids warmed into the cache before the outage, and ids never asked for before it.
constexpr int cached_last_id = 300;
constexpr int uncached_first_id = 1001;
constexpr milliseconds recovery_bound{2000};
constexpr milliseconds readyz_bound{3000};
constexpr milliseconds phase_duration{2000};

std::string ms(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

unsigned status_of(unsigned short port, const std::string& target) {
  auto response = fetch(port, target, "GET", {}, milliseconds(request_timeout_ms + 500));
  return response ? response->result_int() : 0;
}

// Every route of every cached id once, so memcached and the L1 hold them all.
void warm(unsigned short port) {
  http_client client(port);
  for (int id = 1; id <= cached_last_id; ++id)
    for (const char* suffix : {"", "/styles", "/related"}) {
      auto response = client.get("/products/" + std::to_string(id) + suffix);
      ASSERT_TRUE(response && (response->result_int() == 200 || response->result_int() == 404))
          << "warming id " << id;
    }
}

// Polls uncached ids (route `suffix`) until one is answered 200/404 or recovery_bound passes.
bool serves_uncached_again(unsigned short port, const char* suffix) {
  int probe_id = uncached_first_id;
  return eventually(
      [&] {
        auto status = status_of(port, "/products/" + std::to_string(probe_id++) + suffix);
        return status == 200 || status == 404;
      },
      recovery_bound);
}

load_options phase(int first_id, int last_id) {
  load_options load;
  load.connections = 8;
  load.duration = phase_duration;
  load.read_timeout = milliseconds(request_timeout_ms + 1000);
  load.slow_after = milliseconds(request_timeout_ms);
  load.targets = uniform_targets(route_mix::page_view, first_id, last_id);
  return load;
}

TEST(postgres_faults, stopped_serves_cached_refuses_uncached_and_recovers_without_restart) {
  cluster_options options;
  options.extra_flags = {"--request-timeout-ms", std::to_string(request_timeout_ms)};
  service_cluster cluster(options);
  const auto port = cluster.port();
  const auto pid = cluster.service_pid();
  warm(port);

  cluster.postgres().stop();
  const auto stopped_at = std::chrono::steady_clock::now();
  const bool not_ready =
      eventually([&] { return status_of(port, "/readyz") == 503; }, readyz_bound);
  const auto readyz_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - stopped_at)
          .count();

  const auto cached = run_load(port, phase(1, cached_last_id));
  const auto cached_errors =
      cached.requests - cached.admitted.count + cached.slow;  // anything but 200/404 in time
  const auto uncached = run_load(port, phase(uncached_first_id, cluster.products()));
  const auto uncached_errors = uncached.requests - uncached.count(503) + uncached.slow;

  cluster.postgres().start();
  const auto started_at = std::chrono::steady_clock::now();
  const bool recovered = serves_uncached_again(port, "/styles");
  const auto recovery_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_at)
          .count();
  const auto after = run_load(port, phase(uncached_first_id, cluster.products()));
  const auto after_errors = after.requests - after.admitted.count + after.slow;
  const bool ready_again = status_of(port, "/readyz") == 200;
  const bool same_process = cluster.service_pid() == pid && kill(pid, 0) == 0;

  record_fault_row(
      {"postgres stopped: cached ids", cached.requests, cached_errors, cached.all.p99_ms,
       cached_errors == 0,
       "every answer 200/404 (memcached, stale L1) within 1000 ms; /readyz 503 after " +
           ms(readyz_ms) + " ms"});
  record_fault_row({"postgres stopped: uncached ids", uncached.requests, uncached_errors,
                    uncached.all.p99_ms, uncached_errors == 0 && not_ready,
                    "every answer 503 within the 1000 ms deadline"});
  record_fault_row({"postgres restarted: full service", after.requests, after_errors,
                    after.all.p99_ms, recovered && after_errors == 0 && ready_again && same_process,
                    "first uncached 200 " + ms(recovery_ms) +
                        " ms after Postgres accepted logins (<= 2000); /readyz 200; same pid"});

  EXPECT_TRUE(not_ready) << "/readyz did not turn 503 within 3 s";
  EXPECT_EQ(cached_errors, 0u) << cached.status_line();
  EXPECT_EQ(uncached_errors, 0u) << uncached.status_line();
  EXPECT_LT(uncached.all.max_ms, request_timeout_ms);
  EXPECT_TRUE(recovered) << "no full service 2 s after Postgres came back\n"
                         << cluster.service_log();
  EXPECT_EQ(after_errors, 0u) << after.status_line() << '\n' << cluster.service_log();
  EXPECT_TRUE(ready_again);
  EXPECT_TRUE(same_process) << "the service restarted";
}

// A session holding ACCESS EXCLUSIVE on the documents table: every service query blocks behind it,
// the way a stuck migration or a stalled disk looks to the service (connections fine, no answers).
class documents_lock {
 public:
  explicit documents_lock(const std::string& database_url)
      : connection_(database_url), work_(connection_) {
    work_.exec0("LOCK TABLE atelier.product_document IN ACCESS EXCLUSIVE MODE");
  }
  void release() { work_.abort(); }

 private:
  pqxx::connection connection_;
  pqxx::work work_;
};

TEST(postgres_faults, hung_is_shed_fast_instead_of_waiting_out_every_deadline) {
  cluster_options options;
  options.extra_flags = {"--request-timeout-ms", std::to_string(request_timeout_ms)};
  service_cluster cluster(options);
  const auto port = cluster.port();
  warm(port);

  documents_lock lock(cluster.database_url());
  // Open loop with spare connections: clients keep arriving while earlier ones wait, as they would
  // at a real front end (a closed loop would stop sending once its few connections are stuck).
  auto arriving = phase(uncached_first_id, cluster.products());
  arriving.connections = 64;
  arriving.rate_per_second = 400;
  const auto hung = run_load(port, arriving);
  // Queries admitted before the gate saw the pool stuck (and one round per statement_timeout)
  // wait out their deadline; everything else must be a quick 503.
  const auto timed_out = hung.count(504);
  const auto shed = hung.count(503);
  const auto wrong = hung.requests - shed - timed_out;  // incl. transport errors
  lock.release();

  const bool recovered = serves_uncached_again(port, "/related");
  const auto after = run_load(port, phase(uncached_first_id, cluster.products()));
  const auto after_errors = after.requests - after.admitted.count + after.slow;

  // Open-loop latency counts from each request's slot, so a connection stuck on a 504 makes its
  // next slots late: the median says how fast the service sheds, the p99 is only reported.
  const bool mostly_shed = shed >= 5 * timed_out && hung.shed.p50_ms < 20;
  record_fault_row({"postgres hung (table locked): uncached ids", hung.requests, wrong,
                    hung.all.p99_ms, wrong == 0 && mostly_shed,
                    std::to_string(shed) + " shed with 503 (p50 " + ms(hung.shed.p50_ms) +
                        " ms), " + std::to_string(timed_out) +
                        " waited out the 1000 ms deadline (504); bound: 503 >= 5x 504, 503 "
                        "p50 < 20 ms, nothing else"});
  record_fault_row({"postgres lock released: full service", after.requests, after_errors,
                    after.all.p99_ms, recovered && after_errors == 0,
                    "uncached 200/404 within 2000 ms of the release"});

  EXPECT_EQ(wrong, 0u) << hung.status_line();
  EXPECT_GE(shed, 5 * timed_out) << hung.status_line();
  EXPECT_LT(hung.shed.p50_ms, 20) << hung.status_line();
  EXPECT_TRUE(recovered) << cluster.service_log();
  EXPECT_EQ(after_errors, 0u) << after.status_line() << '\n' << cluster.service_log();
}

}  // namespace
}  // namespace atelier::testing
