// The ingress's own deadline sweep: a request whose source has not answered by its deadline gets
// deadline_exceeded soon after it, and exactly once, however late the source answers.
#include "actors/ingress.hpp"

#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds deadline_in{100};
// The sweep runs every deadline_sweep_interval; allow for a busy 2-core box on top.
constexpr milliseconds lateness_bound{150};

/// A source that answers `found` after `delay` (detached: sleeping is its job here).
document_source_actor::behavior_type late_source(document_source_actor::pointer,
                                                 milliseconds delay) {
  return {[delay](const document_request&) {
    std::this_thread::sleep_for(delay);
    return document_outcome::found("{\"late\":true}", 1);
  }};
}

struct answers {
  std::mutex mutex;
  std::vector<document_outcome> seen;
  std::promise<deadline_clock::time_point> first;
};

document_request request_due_in(milliseconds after) {
  document_request request;
  request.key.kind = document_kind::product;
  request.key.product_id = 1;
  request.deadline = deadline_clock::now() + after;
  return request;
}

outcome_callback recording(std::shared_ptr<answers> log) {
  return [log](document_outcome outcome) {
    std::lock_guard<std::mutex> lock(log->mutex);
    log->seen.push_back(std::move(outcome));
    if (log->seen.size() == 1) log->first.set_value(deadline_clock::now());
  };
}

/// One ingress in front of one late_source, in an actor system of its own; stops both at the end.
struct ingress_with_late_source {
  explicit ingress_with_late_source(milliseconds source_delay)
      : system(config),
        source(system.spawn<caf::detached>(late_source, source_delay)),
        entry(system.spawn(ingress, std::vector<document_source_actor>{source}, query_pool_actor{},
                           nullptr)) {}
  ~ingress_with_late_source() {
    caf::anon_send_exit(entry, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(source, caf::exit_reason::user_shutdown);
  }
  /// Sends `request` and returns when the first answer arrives (or 5 s pass): its time, if any.
  std::optional<deadline_clock::time_point> ask(const document_request& request) {
    auto first = log->first.get_future();
    caf::anon_send(entry, ingress_request{request, recording(log)});
    if (first.wait_for(std::chrono::seconds(5)) != std::future_status::ready) return std::nullopt;
    return first.get();
  }

  caf::actor_system_config config;
  caf::actor_system system;
  document_source_actor source;
  ingress_actor entry;
  std::shared_ptr<answers> log = std::make_shared<answers>();
};

TEST(ingress_deadline, a_source_slower_than_the_deadline_gets_one_504_soon_after_it) {
  ingress_with_late_source stack(milliseconds(400));
  auto request = request_due_in(deadline_in);
  auto answered = stack.ask(request);
  ASSERT_TRUE(answered) << "no answer within 5 s";
  auto& log = stack.log;
  const auto answered_at = *answered;
  EXPECT_GE(answered_at, request.deadline);
  EXPECT_LE(answered_at, request.deadline + lateness_bound);
  std::this_thread::sleep_for(milliseconds(600));  // the source answers meanwhile, too late
  std::lock_guard<std::mutex> lock(log->mutex);
  ASSERT_EQ(log->seen.size(), 1u) << "a request must be answered exactly once";
  EXPECT_EQ(log->seen[0].state, document_outcome::status::failed);
  EXPECT_EQ(log->seen[0].error, service_error::deadline_exceeded);
}

TEST(ingress_deadline, a_source_within_the_deadline_is_answered_and_not_swept_later) {
  ingress_with_late_source stack(milliseconds(10));
  ASSERT_TRUE(stack.ask(request_due_in(deadline_in))) << "no answer within 5 s";
  auto& log = stack.log;
  std::this_thread::sleep_for(deadline_in + lateness_bound);  // past the deadline's sweep
  std::lock_guard<std::mutex> lock(log->mutex);
  ASSERT_EQ(log->seen.size(), 1u);
  EXPECT_EQ(log->seen[0].state, document_outcome::status::found);
  EXPECT_EQ(log->seen[0].json, "{\"late\":true}");
}

}  // namespace
}  // namespace atelier::testing
