// The query pool's measurement hook: an interface the metrics layer implements, so no Prometheus
// type appears in actors/.
#pragma once

#include <chrono>
#include <cstdint>

namespace atelier {

/// Receives timings and events of one query pool and its workers. Called from the pool actor AND
/// from the detached worker threads, so implementations must be thread-safe and must not block
/// (Prometheus counters and histograms are both). A pool without an observer measures nothing.
class pool_observer {
 public:
  virtual ~pool_observer() = default;
  /// A request left the queue (or skipped it) for a worker after waiting `queue_wait`.
  virtual void on_dispatched(std::chrono::nanoseconds queue_wait) = 0;
  /// A worker answered after `processing` (dispatch to answer, as the pool sees it).
  virtual void on_answered(std::chrono::nanoseconds processing) = 0;
  /// A request was shed because the queue was full.
  virtual void on_rejected() = 0;
  /// A request was refused before it was queued: the pool's estimated queue wait exceeded the
  /// admission budget (admission_gate). Called from whichever actor asked the gate.
  virtual void on_shed() = 0;
  /// A queued request's deadline passed before a worker was free.
  virtual void on_expired() = 0;
  /// One Postgres round trip of a worker (fetch or probe) took `latency`.
  virtual void on_query(std::chrono::nanoseconds latency) = 0;
  /// A worker's connection went up (+1) or down (-1); `reconnects` new connections were built.
  virtual void on_connection_change(int up_delta, std::uint64_t reconnects) = 0;
};

}  // namespace atelier
