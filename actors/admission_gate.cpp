// Admission gate arithmetic: the queue-wait estimate, the budget and the moving average.
#include "actors/admission_gate.hpp"

#include <algorithm>

namespace atelier {
namespace {

// New service times weigh 1/8: smooth enough to ignore one slow query, quick enough (a few dozen
// answers) to follow a change in load.
constexpr std::int64_t average_weight = 8;

}  // namespace

admission_gate::admission_gate(std::size_t workers, std::chrono::nanoseconds max_queue_wait,
                               std::chrono::nanoseconds auto_wait_floor,
                               std::shared_ptr<pool_observer> observer)
    : workers_(std::max<std::int64_t>(1, static_cast<std::int64_t>(workers))),
      max_queue_wait_(max_queue_wait),
      auto_wait_floor_(auto_wait_floor),
      observer_(std::move(observer)) {}

bool admission_gate::admit(deadline_clock::time_point deadline, deadline_clock::time_point now) {
  auto wait = estimated_wait();
  if (wait <= budget() && now + wait < deadline) return true;
  if (observer_) observer_->on_shed();
  return false;
}

void admission_gate::on_queue_change(std::size_t queued, std::size_t busy) {
  queued_.store(static_cast<std::int64_t>(queued), std::memory_order_relaxed);
  busy_.store(static_cast<std::int64_t>(busy), std::memory_order_relaxed);
}

void admission_gate::on_service_time(std::chrono::nanoseconds service_time) {
  // One writer (the pool actor), so load-modify-store needs no compare-exchange.
  auto average = service_ns_.load(std::memory_order_relaxed);
  auto sample = service_time.count();
  average = average == 0 ? sample : average + (sample - average) / average_weight;
  service_ns_.store(average, std::memory_order_relaxed);
}

std::chrono::nanoseconds admission_gate::estimated_wait() const {
  auto queued = queued_.load(std::memory_order_relaxed);
  if (queued == 0 && busy_.load(std::memory_order_relaxed) < workers_)
    return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds((queued + 1) * service_ns_.load(std::memory_order_relaxed) /
                                  workers_);
}

std::chrono::nanoseconds admission_gate::budget() const {
  if (max_queue_wait_.count() > 0) return max_queue_wait_;
  auto service = std::chrono::nanoseconds(service_ns_.load(std::memory_order_relaxed));
  return std::max<std::chrono::nanoseconds>(auto_wait_floor_, auto_wait_services * service);
}

}  // namespace atelier
