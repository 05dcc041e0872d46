// The hostile-HTTP scenarios' shared world: the service's bounds for the suite, one service
// cluster, and run_scenario (an attack beside a good citizen, checked and recorded as a row).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "tests/faults/fault_table.hpp"
#include "tests/faults/hostile_clients.hpp"
#include "tests/faults/service_cluster.hpp"
#include "tests/support/eventually.hpp"

namespace atelier::testing::hostile {

using std::chrono::milliseconds;
using clock_type = std::chrono::steady_clock;

// The service's transport bounds in this suite: the production defaults (10 s / 30 s) shortened
// so a scenario that waits them out stays bounded; the sizes are the production defaults.
inline constexpr milliseconds read_timeout{3000};
inline constexpr milliseconds idle_timeout{4000};
inline constexpr milliseconds write_timeout{3000};
inline constexpr std::size_t max_connections = 10000;
inline constexpr std::size_t max_header_bytes = 8 * 1024;
inline constexpr std::size_t max_target_bytes = 2048;

// Slack for a loaded 2-core CI machine on top of a bound the service enforces itself.
inline constexpr milliseconds timer_slack{2000};
inline constexpr milliseconds reply_timeout{5000};
// The good citizen's bound: none of its requests fail, and its p99 stays well under a second even
// on a shared CI machine (a stalled I/O thread would push it to seconds).
inline constexpr double citizen_p99_bound_ms = 500;
// Descriptors the service may hold beyond its client connections (Postgres, memcached, CAF,
// epoll, logs); after an attack its count must come back within this of the baseline.
inline constexpr long fd_slack = 16;

/// What the hostile side of a scenario counted: requests sent and answers that were wrong.
struct attack_tally {
  std::uint64_t requests = 0;
  std::uint64_t wrong = 0;
  std::string detail;  ///< appended to the table's bound column
};

/// One service_cluster for every hostile scenario, started with the bounds above.
class hostile_http : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    open_file_limit_ = raise_open_file_limit();
    cluster_options options;
    options.extra_flags = {"--read-timeout-ms",  std::to_string(read_timeout.count()),
                           "--idle-timeout-ms",  std::to_string(idle_timeout.count()),
                           "--write-timeout-ms", std::to_string(write_timeout.count()),
                           "--max-connections",  std::to_string(max_connections),
                           "--max-header-bytes", std::to_string(max_header_bytes)};
    cluster_ = std::make_unique<service_cluster>(options);
  }
  static void TearDownTestSuite() { cluster_.reset(); }

  unsigned short port() const { return cluster_->port(); }

  /// Runs attack beside a good citizen, checks the citizen's bound and that the service's fds
  /// return to their baseline, and records the scenario's row. An attack that fills the
  /// connection cap leaves the citizen on its one keep-alive connection (new ones get 503).
  void run_scenario(const std::string& scenario, const std::string& bound,
                    const std::function<attack_tally()>& attack, bool fills_the_cap = false) {
    const long baseline_fds = settled_fds();
    good_citizen citizen(port(), cluster_->products(), !fills_the_cap);
    attack_tally tally = attack();
    citizen_stats stats = citizen.stop();
    EXPECT_EQ(stats.errors, 0u) << scenario << ": the good citizen saw failures";
    EXPECT_LE(stats.p99_ms, citizen_p99_bound_ms) << scenario;
    EXPECT_EQ(tally.wrong, 0u) << scenario << ": " << tally.detail;
    const bool fds_back =
        eventually([&] { return cluster_->service_open_fds() <= baseline_fds + fd_slack; },
                   idle_timeout + timer_slack);
    EXPECT_TRUE(fds_back) << scenario << ": service fds " << cluster_->service_open_fds()
                          << " vs baseline " << baseline_fds;
    record_fault_row({"hostile: " + scenario, stats.requests + tally.requests,
                      stats.errors + tally.wrong, stats.p99_ms, !HasFailure(),
                      bound + (tally.detail.empty() ? "" : "; " + tally.detail)});
  }

  /// The service's fd count once nothing is connected (earlier scenarios' connections reaped).
  long settled_fds() const {
    long previous = -1;
    long now = cluster_->service_open_fds();
    const auto deadline = clock_type::now() + idle_timeout + timer_slack;
    while (now != previous && clock_type::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(300));
      previous = now;
      now = cluster_->service_open_fds();
    }
    return now;
  }

  static inline std::unique_ptr<service_cluster> cluster_;
  static inline long open_file_limit_ = 0;
};

inline std::string get_request(const std::string& target, const std::string& extra_headers = "",
                               const std::string& version = "HTTP/1.1") {
  return "GET " + target + " " + version + "\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

/// Checks one hostile exchange: the expected status, and (when must_close) that the service
/// closes the connection after answering. Counts into tally.
inline void expect_answer(attack_tally& tally, raw_connection& connection, const std::string& bytes,
                          int status, bool must_close, const std::string& what) {
  ++tally.requests;
  connection.send(bytes);
  raw_reply reply = connection.read_reply(reply_timeout);
  bool right = reply.status == status;
  if (must_close) right = right && (reply.closed || connection.wait_closed(reply_timeout));
  EXPECT_TRUE(right) << what << ": status " << reply.status << " (want " << status << ")"
                     << (must_close ? ", closed " + std::to_string(reply.closed) : "") << "\n"
                     << reply.head;
  if (!right) {
    ++tally.wrong;
    tally.detail += what + " got " + std::to_string(reply.status) + "; ";
  }
}

}  // namespace atelier::testing::hostile
