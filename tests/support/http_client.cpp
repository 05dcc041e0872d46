// Implementation of the blocking test HTTP client: Beast parsing over Asio with per-read timeouts.
#include "tests/support/http_client.hpp"

#include <zlib.h>

#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

namespace atelier::testing {

namespace http = boost::beast::http;

// Large enough for any page of the test data sets.
constexpr std::size_t max_response_body_bytes = 16 * 1024 * 1024;

http_client::http_client(unsigned short port) : socket_(io_context_) {
  boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
  socket_.connect(endpoint, connect_error_);
}

std::optional<http_response> http_client::request(std::string_view method, std::string_view target,
                                                  const header_list& headers,
                                                  std::chrono::milliseconds timeout) {
  std::string raw = std::string(method) + " " + std::string(target) +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: atelier-tests\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  raw += "\r\n";
  send_raw(raw);
  return read_response(method == "HEAD", timeout);
}

void http_client::send_raw(std::string_view bytes) {
  boost::system::error_code ignored;
  boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()), ignored);
}

std::optional<http_response> http_client::read_response(bool head_request,
                                                        std::chrono::milliseconds timeout) {
  http::response_parser<http::string_body> parser;
  parser.skip(head_request);
  parser.body_limit(max_response_body_bytes);
  bool done = false;
  http::async_read(socket_, buffer_, parser, [&](boost::system::error_code ec, std::size_t) {
    last_error_ = ec;
    done = true;
  });
  if (!run_until(done, timeout) || last_error_) return std::nullopt;
  return parser.release();
}

bool http_client::closed_by_peer(std::chrono::milliseconds timeout) {
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

bool http_client::run_until(const bool& done, std::chrono::milliseconds timeout) {
  io_context_.restart();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done && std::chrono::steady_clock::now() < deadline)
    io_context_.run_one_for(deadline - std::chrono::steady_clock::now());
  if (done) return true;
  // Cancel and let the handler run, so nothing refers to this frame's locals afterwards.
  boost::system::error_code ignored;
  socket_.cancel(ignored);
  io_context_.restart();
  while (!done) io_context_.run_one();
  last_error_ = boost::asio::error::timed_out;
  return false;
}

std::string raw_get(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

std::optional<http_response> fetch(unsigned short port, std::string_view target,
                                   std::string_view method, const header_list& headers,
                                   std::chrono::milliseconds timeout) {
  http_client client(port);
  if (!client.connected()) return std::nullopt;
  return client.request(method, target, headers, timeout);
}

std::string header_of(const http_response& response, std::string_view name) {
  auto found = response.find(boost::beast::string_view(name.data(), name.size()));
  if (found == response.end()) return {};
  return std::string(found->value());
}

std::optional<std::string> gunzip(std::string_view compressed) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header and trailer, not a raw zlib stream.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string inflated;
  char chunk[16384];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    result = inflate(&stream, Z_NO_FLUSH);
    inflated.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END || stream.avail_in != 0) return std::nullopt;
  return inflated;
}

}  // namespace atelier::testing
