// A minimal blocking HTTP client over a real loopback socket, with timeouts, for the transport
// tests.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <optional>
#include <string_view>

namespace atelier::http::testing {

using client_response = boost::beast::http::response<boost::beast::http::string_body>;

/// One client connection; every read gives up after a timeout instead of hanging the test.
class test_client {
 public:
  explicit test_client(unsigned short port) : socket_(io_context_) {
    boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
    socket_.connect(endpoint, connect_error_);
  }

  bool connected() const { return !connect_error_; }

  void send(std::string_view raw) {
    boost::system::error_code ignored;
    boost::asio::write(socket_, boost::asio::buffer(raw.data(), raw.size()), ignored);
  }

  /// The next response, or nullopt on close/error/timeout (see last_error()).
  std::optional<client_response> read_response(
      bool head_request = false, std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.skip(head_request);
    parser.body_limit(16 * 1024 * 1024);
    bool done = false;
    boost::beast::http::async_read(socket_, buffer_, parser,
                                   [&](boost::system::error_code ec, std::size_t) {
                                     last_error_ = ec;
                                     done = true;
                                   });
    if (!run_until(done, timeout)) return std::nullopt;
    if (last_error_) return std::nullopt;
    return parser.release();
  }

  /// Whether the server closes the connection (EOF or reset) within `timeout` without sending more.
  bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
    if (buffer_.size() > 0) return false;
    char byte = 0;
    bool done = false;
    std::size_t received = 0;
    socket_.async_read_some(boost::asio::buffer(&byte, 1),
                            [&](boost::system::error_code ec, std::size_t n) {
                              last_error_ = ec;
                              received = n;
                              done = true;
                            });
    if (!run_until(done, timeout)) return false;
    return received == 0 && (last_error_ == boost::asio::error::eof ||
                             last_error_ == boost::asio::error::connection_reset);
  }

  boost::system::error_code last_error() const { return last_error_; }

 private:
  /// Runs the client's io_context until `done` or the timeout; on timeout cancels and returns
  /// false.
  bool run_until(bool& done, std::chrono::milliseconds timeout) {
    io_context_.restart();
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done && std::chrono::steady_clock::now() < deadline) {
      io_context_.run_one_for(deadline - std::chrono::steady_clock::now());
    }
    if (done) return true;
    boost::system::error_code ignored;
    socket_.cancel(ignored);
    io_context_.restart();
    while (!done) io_context_.run_one();
    last_error_ = boost::asio::error::timed_out;
    return false;
  }

  boost::asio::io_context io_context_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  boost::system::error_code connect_error_;
  boost::system::error_code last_error_;
};

}  // namespace atelier::http::testing
