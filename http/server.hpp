// The HTTP server: an io_context, its threads, the listener and graceful shutdown.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/request_handler.hpp"
#include "http/response_finisher.hpp"
#include "http/server_limits.hpp"

namespace atelier::http {

class connection_registry;
class listener;

/// Where and how to serve.
struct server_config {
  std::string address = "0.0.0.0";  ///< IPv4 or IPv6 literal to bind
  unsigned short port = 3000;       ///< 0 picks a free port (see server::port())
  unsigned threads = 2;             ///< I/O threads running the io_context
  bool reuse_port = false;          ///< SO_REUSEPORT, for several processes on one port
  server_limits limits;
  finish_options finish;
};

/// Serves HTTP/1.1 (and 1.0) with `handler` until stopped.
///
/// Usage from main:
///   atelier::http::server server(config, handler);
///   server.stop_on_signals();  // SIGINT/SIGTERM -> shutdown(); before start(), so a signal
///                              // sent as soon as the port answers drains instead of killing
///   server.start();            // throws boost::system::system_error if it cannot bind
///   server.wait();             // returns once drained and closed; then stop the back end
///
/// Threading: start/stop_on_signals/wait/stop are called from one controlling thread (not an I/O
/// thread); shutdown() may be called from any thread, including I/O threads and handlers.
/// `handler` must outlive the server; respond_fn calls after destruction are ignored.
class server {
 public:
  server(server_config config, request_handler& handler);
  /// Shuts down and waits (must therefore not run on an I/O thread).
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds, listens and starts the I/O threads. Throws boost::system::system_error ("bind
  /// 0.0.0.0:3000: Address already in use") or std::invalid_argument-like errors for a bad address.
  void start();
  /// The bound port; valid after start().
  unsigned short port() const;
  /// Calls shutdown() on SIGINT or SIGTERM (asio::signal_set on this server's io_context).
  void stop_on_signals();
  /// Graceful shutdown, non-blocking and idempotent: stop accepting, let requests already read be
  /// answered (at most limits.drain_timeout), then close every connection; the I/O threads then
  /// exit.
  void shutdown();
  /// Blocks until the I/O threads exited (after shutdown()). Idempotent.
  void wait();
  /// shutdown() then wait().
  void stop();
  /// The io_context the server runs, e.g. for the application's own signal_set or timers.
  boost::asio::io_context& io_context() { return io_context_; }

 private:
  void begin_drain();
  void do_drain_tick();
  void on_drain_tick(boost::system::error_code ec);
  void run_io();

  const server_config config_;
  request_handler& handler_;
  std::shared_ptr<connection_registry> registry_;
  boost::asio::io_context io_context_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;  // drain timer and signals
  boost::asio::steady_timer drain_timer_;
  std::optional<boost::asio::signal_set> signals_;
  std::chrono::steady_clock::time_point drain_deadline_;
  std::shared_ptr<listener> listener_;
  std::atomic<bool> shutting_down_{false};
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
};

}  // namespace atelier::http
