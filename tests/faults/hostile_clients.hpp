// The hostile-HTTP scenarios' clients: raw loopback sockets that send arbitrary bytes and watch
// how the service answers or closes, and a "good citizen" that keeps making normal requests.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace atelier::testing {

/// What came back on a raw connection: the first response (if any) and whether the peer closed.
struct raw_reply {
  int status = 0;       ///< 0 when no complete status line arrived
  std::string head;     ///< status line and headers, "\r\n\r\n" excluded
  std::string body;     ///< Content-Length bytes of body (as far as they arrived)
  bool closed = false;  ///< EOF or reset seen before the deadline
  bool timed_out = false;

  /// The status line's version ("HTTP/1.1"), "" when none.
  std::string version() const;
  /// A header's value (case-insensitive name), "" when absent.
  std::string header(std::string_view name) const;
};

/// One TCP connection to 127.0.0.1:port driven by hand (blocking socket, poll-based deadlines).
/// Not thread-safe. Moves, does not copy; closes on destruction.
class raw_connection {
 public:
  /// Connects at once (within connect_timeout); connected() says whether it worked. A non-zero
  /// receive_buffer_bytes shrinks SO_RCVBUF first (a client that reads slowly stalls sooner).
  explicit raw_connection(unsigned short port,
                          std::chrono::milliseconds connect_timeout = std::chrono::seconds(5),
                          int receive_buffer_bytes = 0);
  ~raw_connection();
  raw_connection(raw_connection&& other) noexcept;
  raw_connection& operator=(raw_connection&& other) noexcept;
  raw_connection(const raw_connection&) = delete;
  raw_connection& operator=(const raw_connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  /// Writes every byte; false when the peer closed or reset (no SIGPIPE).
  bool send(std::string_view bytes);
  /// Reads one response: status line, headers and a Content-Length body; notes a close.
  raw_reply read_reply(std::chrono::milliseconds timeout);
  /// Discards input until EOF/reset (true) or timeout (false).
  bool wait_closed(std::chrono::milliseconds timeout);
  /// Whether the peer already closed (non-blocking; unread bytes are discarded).
  bool closed_now();

 private:
  /// Reads what is available within timeout into pending_; false on EOF/reset or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline, bool& closed);

  int fd_ = -1;
  std::string pending_;  // bytes read but not yet consumed by read_reply
};

/// Requests, errors and latency of the good citizen over one scenario.
struct citizen_stats {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;  ///< no answer, a timeout, or a status other than 200/404
  double p99_ms = 0;
};

/// A well-behaved client running beside an attack: a keep-alive connection (reopened after a
/// failure) making GET /products/:id requests at a modest pace. With `new_connections`, every
/// 25th request arrives on a fresh connection, so accepting keeps working too (leave it off when
/// the attack fills the connection cap on purpose). Starts in the constructor.
class good_citizen {
 public:
  good_citizen(unsigned short port, int products, bool new_connections);
  ~good_citizen();
  good_citizen(const good_citizen&) = delete;
  good_citizen& operator=(const good_citizen&) = delete;

  /// Stops the loop (after at least 100 requests in all) and returns what it measured. Call once.
  citizen_stats stop();

 private:
  void run(unsigned short port, int products, bool new_connections);

  std::atomic<bool> stopping_{false};
  citizen_stats stats_;
  std::vector<double> latencies_ms_;
  std::thread thread_;
};

/// Raises this process's RLIMIT_NOFILE soft limit to its hard limit; returns the new soft limit.
long raise_open_file_limit();

}  // namespace atelier::testing
