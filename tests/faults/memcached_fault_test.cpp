// One memcached node killed (SIGKILL) or frozen (SIGSTOP) under load: every request still answers
// within its deadline with almost no errors, and the node is used again once it is back.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <thread>

#include "tests/faults/fault_table.hpp"
#include "tests/faults/load_driver.hpp"
#include "tests/faults/metrics_scrape.hpp"
#include "tests/faults/service_cluster.hpp"
#include "tests/support/eventually.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

constexpr unsigned request_timeout_ms = 1000;
// The fault starts this long into the load, and lasts this long.
constexpr milliseconds fault_start{1000};
constexpr milliseconds fault_length{2500};
constexpr milliseconds load_length{6000};
// libmemcached re-checks an ejected node after its dead timeout (2 s) and retry timeout (1 s);
// slack for a busy box.
constexpr milliseconds readmission_bound{8000};
constexpr int hot_ids = 500;
constexpr std::size_t faulty_node = 1;

std::string ms(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

load_options hot_load(milliseconds duration) {
  load_options load;
  load.connections = 8;
  load.duration = duration;
  load.read_timeout = milliseconds(request_timeout_ms + 1000);
  load.slow_after = milliseconds(request_timeout_ms);
  load.targets = uniform_targets(route_mix::page_view, 1, hot_ids);
  return load;
}

struct node_counters {
  double ops = 0;
  double failures = 0;
};

node_counters counters_of(unsigned short port, const std::string& address) {
  const std::string label = "node=\"" + address + "\"";
  return {metric_value(port, "atelier_memcached_node_ops_total", label).value_or(0),
          metric_value(port, "atelier_memcached_node_failures_total", label).value_or(0)};
}

// Re-admitted: the node serves operations again and none of them fails. The sampler refreshes
// the counters every 250 ms, so each check spans a second of light load.
bool readmitted(unsigned short port, const std::string& address) {
  return eventually(
      [&] {
        auto before = counters_of(port, address);
        run_load(port, hot_load(milliseconds(1000)));
        auto after = counters_of(port, address);
        return after.ops > before.ops && after.failures == before.failures;
      },
      readmission_bound);
}

struct fault_outcome {
  load_result load;
  std::uint64_t errors = 0;
  bool readmitted = false;
};

// Runs the hot load, applies `fault` at fault_start and `heal` fault_length later.
fault_outcome under_fault(service_cluster& cluster,
                          const std::function<void(memcached_server&)>& fault,
                          const std::function<void(memcached_server&)>& heal) {
  const auto port = cluster.port();
  auto& node = cluster.memcached(faulty_node);
  run_load(port, hot_load(milliseconds(1000)));  // warm the ring
  auto running =
      std::async(std::launch::async, [&] { return run_load(port, hot_load(load_length)); });
  std::this_thread::sleep_for(fault_start);
  fault(node);
  std::this_thread::sleep_for(fault_length);
  heal(node);
  fault_outcome outcome;
  outcome.load = running.get();
  outcome.errors = outcome.load.requests - outcome.load.admitted.count + outcome.load.slow;
  outcome.readmitted = readmitted(port, node.address());
  return outcome;
}

bool within_bound(const fault_outcome& outcome) {
  // errors < 0.1% of requests, and every answer within the deadline
  return outcome.errors * 1000 < outcome.load.requests && outcome.load.slow == 0 &&
         outcome.load.all.max_ms < request_timeout_ms;
}

void record(const std::string& scenario, const fault_outcome& outcome) {
  record_fault_row({scenario, outcome.load.requests, outcome.errors, outcome.load.all.p99_ms,
                    within_bound(outcome) && outcome.readmitted,
                    "errors < 0.1%, max " + ms(outcome.load.all.max_ms) +
                        " ms < 1000 ms deadline; node ops resume without failures after"});
}

/// Both scenarios share one world: building it (initdb, import) costs more than either scenario.
class memcached_faults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_options options;
    // The L1 would hide the ring; without it every request asks memcached.
    options.extra_flags = {"--request-timeout-ms", std::to_string(request_timeout_ms),
                           "--cache-l1-entries", "0"};
    cluster_ = std::make_unique<service_cluster>(options);
  }
  static void TearDownTestSuite() { cluster_.reset(); }
  static std::unique_ptr<service_cluster> cluster_;
};

std::unique_ptr<service_cluster> memcached_faults::cluster_;

TEST_F(memcached_faults, killed_node_costs_almost_nothing_and_rejoins_after_restart) {
  auto outcome = under_fault(
      *cluster_, [](memcached_server& node) { node.kill(); },
      [](memcached_server& node) { node.restart(); });
  record("memcached node SIGKILL under load, then restarted", outcome);
  EXPECT_LT(outcome.errors * 1000, outcome.load.requests) << outcome.load.status_line();
  EXPECT_EQ(outcome.load.slow, 0u) << outcome.load.status_line();
  EXPECT_TRUE(outcome.readmitted) << "the restarted node was not used again";
}

TEST_F(memcached_faults, frozen_node_keeps_the_deadline_and_rejoins_after_sigcont) {
  auto outcome = under_fault(
      *cluster_, [](memcached_server& node) { node.freeze(); },
      [](memcached_server& node) { node.thaw(); });
  record("memcached node SIGSTOP under load, then SIGCONT", outcome);
  EXPECT_LT(outcome.errors * 1000, outcome.load.requests) << outcome.load.status_line();
  EXPECT_EQ(outcome.load.slow, 0u) << outcome.load.status_line();
  EXPECT_TRUE(outcome.readmitted) << "the thawed node was not used again";
}

}  // namespace
}  // namespace atelier::testing
