// The admission gate: decides, before a request is queued for Postgres, whether the query pool can
// still answer it in time, so overload is shed at once with 503 instead of queueing into 504s.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "actors/messages.hpp"
#include "actors/pool_observer.hpp"

namespace atelier {

/// Bounds a query pool's queue by time rather than by count. The pool publishes its queue depth,
/// busy workers and a moving average of its service time; anyone about to send work to the pool
/// (ingress without a cache, cache shards before a fill) asks admit(). The estimate is
/// (queued + 1) x service time / workers once every worker is busy, and at least the time since
/// a saturated pool last answered anything: a Postgres that hangs (a lock, a stalled disk) sends
/// no service times, so the average alone would keep admitting into a queue that never moves.
/// CAF 0.17 mailboxes are unbounded, so this estimate and the pool's max_queued are the only
/// bounds on queued work.
/// Thread-safe and lock-free: the pool actor writes, any thread reads.
class admission_gate {
 public:
  /// max_queue_wait zero = automatic: max(auto_wait_floor, auto_wait_services x service time).
  /// The floor keeps sub-millisecond queries from shedding ordinary bursts (a pipelined batch).
  admission_gate(std::size_t workers, std::chrono::nanoseconds max_queue_wait,
                 std::chrono::nanoseconds auto_wait_floor,
                 std::shared_ptr<pool_observer> observer = nullptr);

  /// The automatic budget in service times: a request may wait for about this many others per
  /// worker, which keeps admitted latency near the unloaded latency once queries are slow.
  static constexpr std::int64_t auto_wait_services = 2;

  /// True when a request with `deadline` may be sent to the pool now; false (counted through the
  /// observer's on_shed) when the estimated queue wait exceeds the budget or the deadline.
  bool admit(deadline_clock::time_point deadline,
             deadline_clock::time_point now = deadline_clock::now());

  /// Pool actor only: the queue depth and busy workers after a change.
  void on_queue_change(std::size_t queued, std::size_t busy,
                       deadline_clock::time_point now = deadline_clock::now());
  /// Pool actor only: one request's service time (dispatch to answer).
  void on_service_time(std::chrono::nanoseconds service_time,
                       deadline_clock::time_point now = deadline_clock::now());
  /// Pool actor only: an answer whose time says nothing about service time (a statement cancelled
  /// at the deadline): the pool moved, but the average must not learn the timeout, or the gate
  /// would stay lenient through a hang and shed healthy traffic for a while after it.
  void on_progress(deadline_clock::time_point now = deadline_clock::now());

  std::chrono::nanoseconds estimated_wait(
      deadline_clock::time_point now = deadline_clock::now()) const;
  std::chrono::nanoseconds budget() const;

 private:
  const std::int64_t workers_;
  const std::chrono::nanoseconds max_queue_wait_;
  const std::chrono::nanoseconds auto_wait_floor_;
  std::shared_ptr<pool_observer> observer_;
  std::atomic<std::int64_t> queued_{0};
  std::atomic<std::int64_t> busy_{0};
  std::atomic<std::int64_t> service_ns_{0};  // moving average; 0 until the first answer
  // Last answer, or the last moment a worker was idle: how long a saturated pool has been stuck.
  std::atomic<std::int64_t> progress_ns_{0};  // deadline_clock ticks since its epoch
};

}  // namespace atelier
