// Binds the listening socket and runs the accept loop.
#include "http/listener.hpp"

#include <boost/asio/detail/socket_option.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <chrono>
#include <iostream>
#include <string>

#include "http/connection_registry.hpp"
#include "http/session.hpp"

namespace atelier::http {
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
namespace {

// accept failures such as EMFILE persist for a while: retry after a pause instead of spinning
constexpr std::chrono::milliseconds accept_retry_delay{100};

// sent verbatim to connections beyond max_connections, then closed
constexpr std::string_view over_capacity_response =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: application/json; charset=utf-8\r\n"
    "Access-Control-Allow-Origin: *\r\n"
    "Retry-After: 1\r\n"
    "Connection: close\r\n"
    "Content-Length: 32\r\n"
    "\r\n"
    "{\"error\":\"too many connections\"}";

using reuse_port_option = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

void check(beast::error_code ec, const char* step, const tcp::endpoint& endpoint) {
  if (!ec) return;
  std::string where = std::string(step) + " " + endpoint.address().to_string() + ":" +
                      std::to_string(endpoint.port());
  throw boost::system::system_error(ec, where);
}

}  // namespace

listener::listener(net::io_context& io_context, const tcp::endpoint& endpoint, bool reuse_port,
                   request_handler& handler, const server_limits& limits,
                   const finish_options& finish, std::shared_ptr<connection_registry> registry)
    : io_context_(io_context),
      acceptor_(net::make_strand(io_context)),
      retry_timer_(acceptor_.get_executor()),
      handler_(handler),
      limits_(limits),
      finish_(finish),
      registry_(std::move(registry)) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  check(ec, "open", endpoint);
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  check(ec, "set SO_REUSEADDR on", endpoint);
  if (reuse_port) {
    acceptor_.set_option(reuse_port_option(true), ec);
    check(ec, "set SO_REUSEPORT on", endpoint);
  }
  acceptor_.bind(endpoint, ec);
  check(ec, "bind", endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  check(ec, "listen on", endpoint);
  port_ = acceptor_.local_endpoint().port();
}

void listener::run() {
  net::post(acceptor_.get_executor(),
            beast::bind_front_handler(&listener::do_accept, shared_from_this()));
}

void listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    self->stopped_ = true;
    beast::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
}

void listener::do_accept() {
  if (stopped_) return;
  // each connection gets its own strand: its handlers never run concurrently
  acceptor_.async_accept(net::make_strand(io_context_),
                         beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || stopped_) return;
  if (ec) {
    std::cerr << "http: accept: " << ec.message() << '\n';
    retry_timer_.expires_after(accept_retry_delay);
    return retry_timer_.async_wait(
        beast::bind_front_handler(&listener::on_retry, shared_from_this()));
  }
  if (registry_->size() >= limits_.max_connections) {
    reject(socket);
  } else {
    std::make_shared<session>(std::move(socket), handler_, limits_, finish_, registry_)->run();
  }
  do_accept();
}

void listener::on_retry(beast::error_code ec) {
  if (ec == net::error::operation_aborted) return;
  do_accept();
}

void listener::reject(tcp::socket& socket) {
  // best effort and never blocking: a fresh socket's send buffer takes these few bytes at once
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  net::write(socket, net::buffer(over_capacity_response.data(), over_capacity_response.size()),
             ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace atelier::http
