// One HTTP/1.1 connection: reads pipelined requests, hands them to the application, writes answers
// in order.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string_view>

#include "http/request_handler.hpp"
#include "http/response_finisher.hpp"
#include "http/server_limits.hpp"

namespace atelier::http {

class connection_registry;

/// Serves one accepted connection. All state lives on the socket's strand; the public functions are
/// thread-safe (they post onto it). Requests are read while fewer than max_pipelined_requests are
/// unanswered; answers may arrive in any order from any thread and are written in request order.
/// Failures (timeouts, malformed input, peer resets) close only this connection.
class session : public std::enable_shared_from_this<session> {
 public:
  /// `socket` must have a strand executor; `handler` must outlive every session.
  session(boost::asio::ip::tcp::socket&& socket, request_handler& handler,
          const server_limits& limits, const finish_options& finish,
          std::shared_ptr<connection_registry> registry);

  /// Registers with the registry and starts reading. Call once, from any thread.
  void run();
  /// Stops reading new requests, writes the answers of those already read, then closes.
  /// Thread-safe.
  void drain();
  /// Closes the connection now, dropping unanswered requests. Thread-safe.
  void close();
  /// Delivers the finished answer to the request numbered `sequence`. Thread-safe; late answers for
  /// a closed connection are dropped.
  void deliver(std::uint64_t sequence, wire_response response);

 private:
  using request_parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
  using request_message = boost::beast::http::request<boost::beast::http::string_body>;
  enum class read_phase { none, awaiting_request, reading_request };
  struct pending_response {
    std::optional<wire_response> response;  ///< empty until the application answers
  };

  void start();
  void do_read();
  void do_await_request();
  void on_await_request(boost::beast::error_code ec);
  void do_read_request(bool keep_deadline);
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_request(request_message request);
  void answer_locally(const api_request& api, unsigned status, std::string_view message);
  void reject(unsigned status, std::string_view message);
  std::uint64_t enqueue(std::optional<wire_response> response);
  void on_response(std::uint64_t sequence, wire_response response);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void on_drain();
  void maybe_finish();
  void do_shutdown();
  void do_linger();
  void on_linger(boost::beast::error_code ec, std::size_t bytes);
  void do_close();
  void arm_deadline(std::chrono::milliseconds timeout);
  void disarm_deadline();
  void on_deadline(boost::beast::error_code ec, std::uint64_t generation);

  boost::beast::tcp_stream stream_;
  boost::asio::steady_timer deadline_;  // read/idle/linger deadline; writes use stream_'s own timer
  std::uint64_t deadline_generation_ = 0;
  boost::beast::flat_buffer buffer_;
  std::optional<request_parser> parser_;
  std::array<char, 512> linger_buffer_{};
  std::size_t lingered_bytes_ = 0;
  request_handler& handler_;
  const server_limits limits_;
  const finish_options finish_;
  std::shared_ptr<connection_registry> registry_;
  std::uint64_t registry_id_ = 0;
  std::deque<pending_response> pending_;  // front() is the oldest unanswered request
  std::uint64_t first_sequence_ = 0;      // sequence number of pending_.front()
  std::uint64_t next_sequence_ = 0;
  read_phase phase_ = read_phase::none;
  bool writing_ = false;
  bool served_any_ = false;    // a request was read: later waits use the idle timeout
  bool stop_reading_ = false;  // no further requests will be read (close, error, drain, peer EOF)
  bool draining_ = false;
  bool shutting_down_ = false;  // send side shut, lingering for the peer's FIN
  bool closed_ = false;
};

}  // namespace atelier::http
