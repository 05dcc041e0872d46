// A tiny blocking HTTP/1.1 client over a real loopback socket, with per-read timeouts, shared by
// every suite that talks to a real server.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atelier::testing {

using http_response = boost::beast::http::response<boost::beast::http::string_body>;
using header_list = std::vector<std::pair<std::string, std::string>>;

/// How long any single read waits before the client gives up instead of hanging the test.
inline constexpr std::chrono::milliseconds default_read_timeout{5000};

/// One keep-alive connection to 127.0.0.1:port. Not thread-safe; one per thread.
class http_client {
 public:
  /// Connects at once; connected() says whether it worked.
  explicit http_client(unsigned short port);
  bool connected() const { return !connect_error_; }

  /// Sends one request and reads its response; nullopt on close, error or timeout.
  std::optional<http_response> request(std::string_view method, std::string_view target,
                                       const header_list& headers = {},
                                       std::chrono::milliseconds timeout = default_read_timeout);
  std::optional<http_response> get(std::string_view target, const header_list& headers = {}) {
    return request("GET", target, headers);
  }

  /// Writes raw bytes as given (several pipelined requests in one write, malformed input...).
  void send_raw(std::string_view bytes);
  /// Reads the next response; head_request skips the body a HEAD response announces.
  std::optional<http_response> read_response(
      bool head_request = false, std::chrono::milliseconds timeout = default_read_timeout);
  /// Whether the peer closes (EOF or reset) within timeout without sending anything.
  bool closed_by_peer(std::chrono::milliseconds timeout = default_read_timeout);
  /// Why the last read failed (timed_out, eof, ...).
  boost::system::error_code last_error() const { return last_error_; }

 private:
  bool run_until(const bool& done, std::chrono::milliseconds timeout);

  boost::asio::io_context io_context_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  boost::system::error_code connect_error_;
  boost::system::error_code last_error_;
};

/// The raw bytes of a GET request for target (HTTP/1.1, keep-alive), for pipelining.
std::string raw_get(std::string_view target);

/// One request on a fresh connection.
std::optional<http_response> fetch(unsigned short port, std::string_view target,
                                   std::string_view method = "GET", const header_list& headers = {},
                                   std::chrono::milliseconds timeout = default_read_timeout);

/// A response header's value, "" when absent.
std::string header_of(const http_response& response, std::string_view name);

/// Inflates a gzip member (zlib); nullopt when the bytes are not valid gzip.
std::optional<std::string> gunzip(std::string_view compressed);

}  // namespace atelier::testing
