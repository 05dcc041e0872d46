// Accepts TCP connections and starts a session for each, enforcing the connection cap.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>

#include "http/request_handler.hpp"
#include "http/response_finisher.hpp"
#include "http/server_limits.hpp"

namespace atelier::http {

class connection_registry;

/// The accept loop of one server. Knows nothing of routes: each connection goes to a new session.
/// Runs on its own strand; stop() is thread-safe.
class listener : public std::enable_shared_from_this<listener> {
 public:
  /// Opens, binds and listens (SO_REUSEADDR always, SO_REUSEPORT when `reuse_port`).
  /// Throws boost::system::system_error naming the step and endpoint when any of them fails.
  listener(boost::asio::io_context& io_context, const boost::asio::ip::tcp::endpoint& endpoint,
           bool reuse_port, request_handler& handler, const server_limits& limits,
           const finish_options& finish, std::shared_ptr<connection_registry> registry);

  /// Starts accepting. Call once.
  void run();
  /// Stops accepting and closes the listening socket. Thread-safe, idempotent.
  void stop();
  /// The bound port (the real one when 0 was asked for).
  unsigned short port() const { return port_; }

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
  void on_retry(boost::beast::error_code ec);
  void reject(boost::asio::ip::tcp::socket& socket);

  boost::asio::io_context& io_context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  request_handler& handler_;
  const server_limits limits_;
  const finish_options finish_;
  std::shared_ptr<connection_registry> registry_;
  unsigned short port_ = 0;
  bool stopped_ = false;
};

}  // namespace atelier::http
