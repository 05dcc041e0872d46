// Runs the io_context threads and coordinates accept, drain and close.
#include "http/server.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <csignal>
#include <iostream>

#include "http/connection_registry.hpp"
#include "http/listener.hpp"

namespace atelier::http {
namespace net = boost::asio;
namespace {

// how often the drain checks whether every connection finished
constexpr std::chrono::milliseconds drain_poll_interval{10};

}  // namespace

server::server(server_config config, request_handler& handler)
    : config_(std::move(config)),
      handler_(handler),
      registry_(std::make_shared<connection_registry>()),
      strand_(net::make_strand(io_context_)),
      drain_timer_(strand_) {}

server::~server() {
  stop();
}

void server::start() {
  net::ip::tcp::endpoint endpoint(net::ip::make_address(config_.address), config_.port);
  listener_ = std::make_shared<listener>(io_context_, endpoint, config_.reuse_port, handler_,
                                         config_.limits, config_.finish, registry_);
  listener_->run();
  std::lock_guard lock(threads_mutex_);
  unsigned count = config_.threads == 0 ? 1 : config_.threads;
  for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { run_io(); });
}

unsigned short server::port() const {
  return listener_ ? listener_->port() : 0;
}

void server::stop_on_signals() {
  signals_.emplace(strand_, SIGINT, SIGTERM);
  signals_->async_wait([this](boost::system::error_code ec, int) {
    if (ec == net::error::operation_aborted) return;
    shutdown();
  });
}

void server::shutdown() {
  if (shutting_down_.exchange(true)) return;
  net::post(strand_, [this] { begin_drain(); });
}

void server::wait() {
  std::lock_guard lock(threads_mutex_);
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
  // the I/O threads are gone: drop what the registry still holds before the io_context dies
  registry_->clear();
}

void server::stop() {
  shutdown();
  wait();
}

void server::begin_drain() {
  if (signals_) signals_->cancel();  // an outstanding signal wait would keep the threads alive
  if (listener_) listener_->stop();
  registry_->drain_all();
  drain_deadline_ = std::chrono::steady_clock::now() + config_.limits.drain_timeout;
  do_drain_tick();
}

void server::do_drain_tick() {
  drain_timer_.expires_after(drain_poll_interval);
  drain_timer_.async_wait([this](boost::system::error_code ec) { on_drain_tick(ec); });
}

void server::on_drain_tick(boost::system::error_code ec) {
  if (ec == net::error::operation_aborted) return;
  if (registry_->size() == 0) return;  // all drained: no work left, the threads return
  if (std::chrono::steady_clock::now() >= drain_deadline_) {
    std::cerr << "http: drain timeout, closing " << registry_->size() << " connections\n";
    return registry_->close_all();
  }
  do_drain_tick();
}

void server::run_io() {
  for (;;) {
    try {
      io_context_.run();
      return;
    } catch (const std::exception& error) {
      // a handler threw: log and keep serving the other connections
      std::cerr << "http: uncaught exception on an I/O thread: " << error.what() << '\n';
    }
  }
}

}  // namespace atelier::http
