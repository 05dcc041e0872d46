// Registers the pool and Postgres series and records the pool's events into them.
#include "metrics/pool_metrics.hpp"

#include "metrics/latency_buckets.hpp"

namespace atelier::metrics {
namespace {

prometheus::Labels name_label(const std::string& pool_name) {
  return {{"name", pool_name}};
}

prometheus::Gauge& gauge(prometheus::Registry& registry, const char* name, const char* help,
                         const prometheus::Labels& labels) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add(labels);
}

prometheus::Counter& counter(prometheus::Registry& registry, const char* name, const char* help,
                             const prometheus::Labels& labels) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry).Add(labels);
}

prometheus::Histogram& histogram(prometheus::Registry& registry, const char* name, const char* help,
                                 const prometheus::Labels& labels) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(registry).Add(
      labels, latency_buckets());
}

prometheus::Counter& shed_counter(prometheus::Registry& registry, const std::string& pool_name,
                                  const char* reason) {
  return prometheus::BuildCounter()
      .Name("atelier_requests_shed_total")
      .Help(
          "Requests answered 503 overloaded before reaching Postgres, by reason: queue_wait "
          "(admission: estimated queue wait over budget) or queue_full (pool queue bound)")
      .Register(registry)
      .Add({{"name", pool_name}, {"reason", reason}});
}

}  // namespace

pool_metrics::pool_metrics(prometheus::Registry& registry, const std::string& pool_name)
    : workers_(gauge(registry, "atelier_pool_workers", "Query actors (Postgres connections)",
                     name_label(pool_name))),
      busy_(gauge(registry, "atelier_pool_busy_workers", "Query actors running a query",
                  name_label(pool_name))),
      mailbox_size_(gauge(registry, "caf_actor_mailbox_size",
                          "Requests queued in the pool waiting for a free query actor",
                          name_label(pool_name))),
      mailbox_time_(histogram(registry, "caf_actor_mailbox_time_seconds",
                              "Time a request waited in the pool before a query actor took it",
                              name_label(pool_name))),
      processing_time_(histogram(registry, "caf_actor_processing_time_seconds",
                                 "Time from dispatch to a query actor until its answer",
                                 name_label(pool_name))),
      processed_(counter(registry, "atelier_pool_processed_total",
                         "Requests a query actor answered", name_label(pool_name))),
      rejected_(counter(registry, "atelier_pool_rejected_total",
                        "Requests shed because the pool queue was full", name_label(pool_name))),
      expired_(counter(registry, "atelier_pool_expired_total",
                       "Queued requests whose deadline passed before a query actor was free",
                       name_label(pool_name))),
      shed_queue_wait_(shed_counter(registry, pool_name, "queue_wait")),
      shed_queue_full_(shed_counter(registry, pool_name, "queue_full")),
      connections_up_(gauge(registry, "atelier_postgres_connections_up",
                            "Postgres connections the query actors last saw working",
                            name_label(pool_name))),
      reconnects_(counter(registry, "atelier_postgres_reconnects_total",
                          "Postgres connections rebuilt by the query actors after one was lost",
                          name_label(pool_name))),
      query_time_(histogram(registry, "atelier_postgres_query_duration_seconds",
                            "One Postgres round trip (fetch or readiness probe)",
                            name_label(pool_name))) {}

void pool_metrics::on_dispatched(std::chrono::nanoseconds queue_wait) {
  mailbox_time_.Observe(seconds_of(queue_wait));
}

void pool_metrics::on_answered(std::chrono::nanoseconds processing) {
  processing_time_.Observe(seconds_of(processing));
  processed_.Increment();
}

void pool_metrics::on_rejected() {
  rejected_.Increment();
  shed_queue_full_.Increment();
}

void pool_metrics::on_shed() {
  shed_queue_wait_.Increment();
}

void pool_metrics::on_expired() {
  expired_.Increment();
}

void pool_metrics::on_query(std::chrono::nanoseconds latency) {
  query_time_.Observe(seconds_of(latency));
}

void pool_metrics::on_connection_change(int up_delta, std::uint64_t reconnects) {
  if (up_delta > 0) connections_up_.Increment(up_delta);
  if (up_delta < 0) connections_up_.Decrement(-up_delta);
  if (reconnects > 0) reconnects_.Increment(static_cast<double>(reconnects));
}

void pool_metrics::update(const pool_snapshot& snapshot) {
  workers_.Set(snapshot.workers);
  busy_.Set(snapshot.busy);
  mailbox_size_.Set(snapshot.queued);
}

}  // namespace atelier::metrics
