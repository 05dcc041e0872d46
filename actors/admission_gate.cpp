// Admission gate arithmetic: the queue-wait estimate, the budget and the moving average.
#include "actors/admission_gate.hpp"

#include <algorithm>

namespace atelier {
namespace {

// New service times weigh 1/8: smooth enough to ignore one slow query, quick enough (a few dozen
// answers) to follow a change in load.
constexpr std::int64_t average_weight = 8;
// A sample counts at most this many times the average: queries that sat behind a lock that is
// now gone must not teach the gate a second-long service time and shed the recovered pool.
// Real slowdowns still get through, at up to +37% per answer.
constexpr std::int64_t outlier_factor = 4;

}  // namespace

admission_gate::admission_gate(std::size_t workers, std::chrono::nanoseconds max_queue_wait,
                               std::chrono::nanoseconds auto_wait_floor,
                               std::shared_ptr<pool_observer> observer)
    : workers_(std::max<std::int64_t>(1, static_cast<std::int64_t>(workers))),
      max_queue_wait_(max_queue_wait),
      auto_wait_floor_(auto_wait_floor),
      observer_(std::move(observer)) {}

bool admission_gate::admit(deadline_clock::time_point deadline, deadline_clock::time_point now) {
  auto wait = estimated_wait(now);
  if (wait <= budget() && now + wait < deadline) return true;
  if (observer_) observer_->on_shed();
  return false;
}

void admission_gate::on_queue_change(std::size_t queued, std::size_t busy,
                                     deadline_clock::time_point now) {
  queued_.store(static_cast<std::int64_t>(queued), std::memory_order_relaxed);
  const auto was_busy = busy_.exchange(static_cast<std::int64_t>(busy), std::memory_order_relaxed);
  // The stuck clock starts when the pool fills up, not at its last answer before a quiet spell.
  if (was_busy < workers_ || static_cast<std::int64_t>(busy) < workers_) on_progress(now);
}

void admission_gate::on_progress(deadline_clock::time_point now) {
  progress_ns_.store(now.time_since_epoch().count(), std::memory_order_relaxed);
}

void admission_gate::on_service_time(std::chrono::nanoseconds service_time,
                                     deadline_clock::time_point now) {
  on_progress(now);
  // One writer (the pool actor), so load-modify-store needs no compare-exchange.
  auto average = service_ns_.load(std::memory_order_relaxed);
  auto sample = service_time.count();
  if (average > 0) sample = std::min(sample, outlier_factor * average);
  average = average == 0 ? sample : average + (sample - average) / average_weight;
  service_ns_.store(average, std::memory_order_relaxed);
}

std::chrono::nanoseconds admission_gate::estimated_wait(deadline_clock::time_point now) const {
  auto queued = queued_.load(std::memory_order_relaxed);
  if (queued == 0 && busy_.load(std::memory_order_relaxed) < workers_)
    return std::chrono::nanoseconds(0);
  std::chrono::nanoseconds by_average((queued + 1) * service_ns_.load(std::memory_order_relaxed) /
                                      workers_);
  const deadline_clock::duration progress(progress_ns_.load(std::memory_order_relaxed));
  // zero: the pool has never been seen working
  const auto stuck =
      progress.count() == 0 ? deadline_clock::duration::zero() : now.time_since_epoch() - progress;
  return std::max<std::chrono::nanoseconds>(by_average, stuck);
}

std::chrono::nanoseconds admission_gate::budget() const {
  if (max_queue_wait_.count() > 0) return max_queue_wait_;
  auto service = std::chrono::nanoseconds(service_ns_.load(std::memory_order_relaxed));
  return std::max<std::chrono::nanoseconds>(auto_wait_floor_, auto_wait_services * service);
}

}  // namespace atelier
