// Limits and timeouts of the HTTP transport, with production defaults (tests shrink them).
#pragma once

#include <chrono>
#include <cstddef>

namespace atelier::http {

/// Every bound the transport enforces on a client. Defaults suit production; all are config values.
struct server_limits {
  /// Headers (request line included) above this are answered 431 and the connection closed.
  std::size_t max_header_bytes = 8 * 1024;
  /// Request bodies above this are answered 413 and the connection closed (the API is read-only).
  std::size_t max_body_bytes = 1024;
  /// Request-targets longer than this are answered 414 (below max_header_bytes, so 414 is
  /// reachable).
  std::size_t max_target_bytes = 2048;
  /// Requests read but not yet answered on one connection; reading pauses when reached (pipelining
  /// bound).
  std::size_t max_pipelined_requests = 16;
  /// Open connections; beyond it a new connection gets a canned 503 and is closed.
  std::size_t max_connections = 10000;
  /// A request, once its first byte arrived (or from accept for the first one), must be complete
  /// within this: the slowloris defence.
  std::chrono::milliseconds request_timeout{10'000};
  /// A keep-alive connection with nothing in flight is closed after this long without a new
  /// request.
  std::chrono::milliseconds idle_timeout{30'000};
  /// Writing one response must finish within this (clients that stop reading).
  std::chrono::milliseconds write_timeout{10'000};
  /// After the last response of a closing connection, unread client bytes are drained for at most
  /// this long before the close, so the client sees the response rather than a reset.
  std::chrono::milliseconds linger_timeout{1'000};
  /// server::stop() waits at most this long for in-flight requests before closing connections.
  std::chrono::milliseconds drain_timeout{5'000};
};

}  // namespace atelier::http
