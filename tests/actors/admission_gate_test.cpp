// The admission gate's arithmetic with explicit clocks: what it admits from a healthy pool, what it
// sheds from an overloaded one, and that a pool stuck on a hung Postgres is shed too.
#include "actors/admission_gate.hpp"

#include <gtest/gtest.h>

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t workers = 4;
constexpr milliseconds deadline_budget{1000};
constexpr milliseconds floor_wait{20};  // the automatic budget's floor (1/50 of the deadline)

struct gate_clock {
  deadline_clock::time_point now = deadline_clock::time_point(std::chrono::hours(1));
  deadline_clock::time_point deadline() const { return now + deadline_budget; }
};

TEST(admission_gate, a_pool_with_idle_workers_admits_everything) {
  admission_gate gate(workers, milliseconds(0), floor_wait);
  gate_clock clock;
  gate.on_queue_change(0, workers - 1, clock.now);
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now));
  EXPECT_EQ(gate.estimated_wait(clock.now).count(), 0);
}

TEST(admission_gate, a_saturated_pool_sheds_once_the_queue_would_outlast_the_budget) {
  admission_gate gate(workers, milliseconds(0), floor_wait);
  gate_clock clock;
  for (int i = 0; i < 8; ++i) gate.on_service_time(milliseconds(4), clock.now);
  // 4 ms queries: budget max(20 ms, 2 x 4 ms) = 20 ms = (queued + 1) x 4 ms / 4 workers
  gate.on_queue_change(10, workers, clock.now);
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now)) << "11 ms of queue is within 20 ms";
  gate.on_queue_change(30, workers, clock.now);
  EXPECT_FALSE(gate.admit(clock.deadline(), clock.now)) << "31 ms of queue is over 20 ms";
  // the deadline bounds too: a request with 5 ms left is not queued behind 11 ms
  gate.on_queue_change(10, workers, clock.now);
  EXPECT_FALSE(gate.admit(clock.now + milliseconds(5), clock.now));
}

TEST(admission_gate, a_pool_that_stops_answering_is_shed_once_stuck_longer_than_the_budget) {
  admission_gate gate(workers, milliseconds(0), floor_wait);
  gate_clock clock;
  for (int i = 0; i < 8; ++i) gate.on_service_time(milliseconds(1), clock.now);
  gate.on_queue_change(0, workers, clock.now);  // every worker busy, queue empty: looks healthy
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now));
  clock.now += milliseconds(15);  // no answer for 15 ms: still within the 20 ms budget
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now));
  clock.now += milliseconds(10);  // 25 ms without any answer: Postgres hangs
  EXPECT_GE(gate.estimated_wait(clock.now), milliseconds(25));
  EXPECT_FALSE(gate.admit(clock.deadline(), clock.now));
  gate.on_service_time(milliseconds(25), clock.now);  // it answers again
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now));
}

TEST(admission_gate, a_long_idle_spell_does_not_count_as_stuck) {
  admission_gate gate(workers, milliseconds(0), floor_wait);
  gate_clock clock;
  gate.on_service_time(milliseconds(1), clock.now);
  gate.on_queue_change(0, 0, clock.now);
  clock.now += std::chrono::minutes(5);  // quiet, then a burst fills every worker at once
  gate.on_queue_change(0, workers, clock.now);
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now));
}

TEST(admission_gate, answers_that_waited_out_a_hang_do_not_teach_a_long_service_time) {
  admission_gate gate(workers, milliseconds(0), floor_wait);
  gate_clock clock;
  for (int i = 0; i < 8; ++i) gate.on_service_time(milliseconds(1), clock.now);
  // the hang ends: four queries that sat behind a lock for most of a second answer at once
  for (std::size_t i = 0; i < workers; ++i) gate.on_service_time(milliseconds(900), clock.now);
  gate.on_queue_change(8, workers, clock.now);  // the recovered pool has a short queue
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now))
      << "estimated " << gate.estimated_wait(clock.now).count() << " ns";
}

TEST(admission_gate, a_real_slowdown_is_learnt_within_a_few_dozen_answers) {
  admission_gate gate(workers, milliseconds(0), floor_wait);
  gate_clock clock;
  for (int i = 0; i < 8; ++i) gate.on_service_time(milliseconds(1), clock.now);
  for (int i = 0; i < 40; ++i) gate.on_service_time(milliseconds(50), clock.now);
  gate.on_queue_change(10, workers, clock.now);  // 11 x ~50 ms / 4 = ~137 ms of queue
  EXPECT_GE(gate.estimated_wait(clock.now), milliseconds(100));
}

TEST(admission_gate, a_configured_budget_replaces_the_automatic_one) {
  admission_gate gate(workers, milliseconds(100), floor_wait);
  gate_clock clock;
  for (int i = 0; i < 8; ++i) gate.on_service_time(milliseconds(4), clock.now);
  gate.on_queue_change(60, workers, clock.now);  // 61 ms: over the automatic 20, under 100
  EXPECT_TRUE(gate.admit(clock.deadline(), clock.now));
  gate.on_queue_change(120, workers, clock.now);
  EXPECT_FALSE(gate.admit(clock.deadline(), clock.now));
}

}  // namespace
}  // namespace atelier::testing
