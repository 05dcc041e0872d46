// The memcached ring: consistent (ketama) hashing over the configured nodes, with failed-node
// ejection and per-node health counters, behind an interface free of libmemcached types.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/service_error.hpp"

namespace atelier {

/// Outcome of one ring operation. `unavailable` means the node owning the key could not be
/// reached (refused, timed out, ejected); callers treat it as service_error::cache_unavailable.
enum class ring_status : std::uint8_t { ok, not_found, not_stored, unavailable };

/// Result of one ring operation: the value for a get hit, otherwise only the status.
struct ring_result {
  ring_status status = ring_status::unavailable;
  std::string value;   ///< get hit only
  std::string detail;  ///< libmemcached's message when unavailable: logs only
};

/// Timeouts and ejection policy; the defaults fail fast on loopback and LAN rings.
struct ring_settings {
  std::chrono::milliseconds connect_timeout{30};
  std::chrono::milliseconds poll_timeout{30};
  unsigned retry_timeout_seconds = 1;  ///< a failed node is retried after this long
  unsigned dead_timeout_seconds = 2;   ///< an ejected node is re-checked after this long
  /// Failures before ejection. 1 ejects at the first operation after a failure: a node that
  /// blinks is out for dead_timeout_seconds, which for a cache costs only some misses.
  unsigned failure_limit = 1;
};

/// Health of one node as seen by one ring instance.
struct ring_node_health {
  std::string address;  ///< host:port as configured
  bool up = true;       ///< false after a failed operation until one succeeds again
  std::uint64_t ops = 0;
  std::uint64_t failures = 0;  ///< operations that found the node unusable (timeouts included)
  std::uint64_t timeouts = 0;
};

/// The service error an `unavailable` result stands for: always cache_unavailable.
service_error error_of(const ring_result& result);

/// One connection set to the ring. NOT thread-safe: each owner (one detached cache IO actor) uses
/// its own instance, made with clone(). Operations block for at most about poll_timeout per node
/// touched; they never throw.
class memcached_ring {
 public:
  /// Builds the configuration (binary protocol, ketama, ejection) for `servers` ("host:port").
  /// Does not connect. Throws std::invalid_argument when servers is empty or a server is malformed.
  explicit memcached_ring(const std::vector<std::string>& servers, ring_settings settings = {});
  ~memcached_ring();
  memcached_ring(memcached_ring&&) noexcept;
  memcached_ring& operator=(memcached_ring&&) noexcept;

  /// An independent instance with the same servers and behaviors and fresh health counters.
  /// Safe to call concurrently on a prototype nobody operates on.
  memcached_ring clone() const;

  ring_result get(std::string_view key);
  /// Reads every key in one round trip per node (libmemcached mget); results in key order. Keys
  /// the batch could not settle (a node failed mid-way) are read again one by one, so each result
  /// means what get() would have answered.
  std::vector<ring_result> get_many(const std::vector<std::string>& keys);
  /// Stores unconditionally; ttl_seconds 0 means no expiry.
  ring_result set(std::string_view key, std::string_view value, std::uint32_t ttl_seconds);
  /// Stores only if absent: not_stored when the key exists (used for fill leases).
  ring_result add(std::string_view key, std::string_view value, std::uint32_t ttl_seconds);
  /// Deletes; not_found when absent.
  ring_result del(std::string_view key);

  /// Index (into the configured server list) of the node `key` currently maps to; changes when a
  /// node is ejected or re-admitted. -1 when no node is usable.
  int node_of(std::string_view key);
  /// Per-node counters of this instance, in configuration order.
  std::vector<ring_node_health> health() const;

 private:
  struct handle;
  memcached_ring(std::unique_ptr<handle> owned, std::vector<ring_node_health> nodes);
  ring_result finish(int node, int code);
  bool fetch_batch(const std::vector<std::string>& keys, const std::vector<int>& nodes,
                   std::vector<ring_result>& results);
  std::unique_ptr<handle> handle_;
  std::vector<ring_node_health> nodes_;
};

}  // namespace atelier
