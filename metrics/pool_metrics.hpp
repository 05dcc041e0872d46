// Prometheus metrics of one query pool and its Postgres connections, modelled on CAF 0.18's
// actor metrics (caf_actor_mailbox_size, caf_actor_mailbox_time_seconds, ...).
#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <string>

#include "actors/messages.hpp"
#include "actors/pool_observer.hpp"

namespace atelier::metrics {

/// The pool_observer handed to query_pool_config (events and timings, recorded as they happen)
/// plus the gauges the metrics_sampler sets from pool_snapshot every few hundred milliseconds.
/// Every series carries name="<pool name>". Thread-safe (Prometheus metrics are atomic).
class pool_metrics : public pool_observer {
 public:
  pool_metrics(prometheus::Registry& registry, const std::string& pool_name);

  void on_dispatched(std::chrono::nanoseconds queue_wait) override;
  void on_answered(std::chrono::nanoseconds processing) override;
  void on_rejected() override;
  void on_shed() override;
  void on_expired() override;
  void on_query(std::chrono::nanoseconds latency) override;
  void on_connection_change(int up_delta, std::uint64_t reconnects) override;

  /// Sets workers, busy workers and mailbox size (queued requests) from a snapshot.
  void update(const pool_snapshot& snapshot);

 private:
  prometheus::Gauge& workers_;
  prometheus::Gauge& busy_;
  prometheus::Gauge& mailbox_size_;
  prometheus::Histogram& mailbox_time_;
  prometheus::Histogram& processing_time_;
  prometheus::Counter& processed_;
  prometheus::Counter& rejected_;
  prometheus::Counter& expired_;
  prometheus::Counter& shed_queue_wait_;  // atelier_requests_shed_total{reason="queue_wait"}
  prometheus::Counter& shed_queue_full_;  // atelier_requests_shed_total{reason="queue_full"}
  prometheus::Gauge& connections_up_;
  prometheus::Counter& reconnects_;
  prometheus::Histogram& query_time_;
};

}  // namespace atelier::metrics
