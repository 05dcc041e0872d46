// The histogram bucket boundaries every latency metric of the service shares.
#pragma once

#include <prometheus/histogram.h>

#include <chrono>

namespace atelier::metrics {

/// Seconds, 0.25 ms to 2.5 s: the API answers in about a millisecond from Postgres and its
/// request deadline is one second, so the upper buckets only catch overload.
inline prometheus::Histogram::BucketBoundaries latency_buckets() {
  return {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};
}

/// A std::chrono duration in seconds, as Prometheus wants it.
template <class Duration>
double seconds_of(Duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

}  // namespace atelier::metrics
