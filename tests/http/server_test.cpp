// Transport tests over real loopback sockets: keep-alive, pipelining order, limits, timeouts,
// shutdown.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "http/error_response.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::http {
namespace {
using namespace std::chrono_literals;
using client_response = atelier::testing::http_response;
using test_client = atelier::testing::http_client;

/// Answers from worker threads after a random 0..3 ms delay, so answers finish out of order.
/// The body echoes the target. Special targets: /slow (300 ms), /drop (never answers), /throw.
/// Methods other than GET/HEAD get 405 like an API route would.
class async_echo_handler : public request_handler {
 public:
  async_echo_handler() {
    for (int i = 0; i < 4; ++i) workers_.emplace_back([this, i] { work(i); });
  }
  ~async_echo_handler() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& worker : workers_) worker.join();
  }

  void handle(api_request request, respond_fn respond) override {
    if (request.target == "/throw") throw std::runtime_error("handler bug");
    if (request.target == "/drop") return;  // respond is destroyed unanswered
    std::lock_guard lock(mutex_);
    jobs_.push_back([request = std::move(request), respond = std::move(respond)] {
      if (request.target == "/slow") std::this_thread::sleep_for(300ms);
      if (request.method == request_method::other) {
        return respond(error_response(service_error::method_not_allowed, "method not allowed"));
      }
      api_response response;
      response.body = nlohmann::json{{"target", request.target}}.dump();
      response.cacheable = true;
      respond(std::move(response));
    });
    ready_.notify_one();
  }

 private:
  void work(int seed) {
    std::mt19937 random(static_cast<unsigned>(seed));
    std::uniform_int_distribution<int> delay_us(0, 3000);
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

server_limits test_limits() {
  server_limits limits;
  limits.request_timeout = 300ms;
  limits.idle_timeout = 400ms;
  limits.write_timeout = 1s;
  limits.linger_timeout = 200ms;
  limits.drain_timeout = 2s;
  return limits;
}

class server_test : public ::testing::Test {
 protected:
  void start(server_limits limits = test_limits()) {
    server_config config;
    config.address = "127.0.0.1";
    config.port = 0;
    config.threads = 2;
    config.limits = limits;
    server_ = std::make_unique<server>(config, handler_);
    server_->start();
    ASSERT_NE(server_->port(), 0);
  }
  unsigned short port() const { return server_->port(); }

  async_echo_handler handler_;  // declared first: outlives the server
  std::unique_ptr<server> server_;
};

std::string get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

std::string echoed_target(const client_response& response) {
  return nlohmann::json::parse(response.body()).at("target").get<std::string>();
}

TEST_F(server_test, keep_alive_serves_many_requests_on_one_connection) {
  start();
  test_client client(port());
  ASSERT_TRUE(client.connected());
  for (int i = 1; i <= 50; ++i) {
    std::string target = "/products/" + std::to_string(i);
    client.send_raw(get(target));
    auto response = client.read_response();
    ASSERT_TRUE(response) << i << ": " << client.last_error().message();
    EXPECT_EQ(response->result_int(), 200u);
    EXPECT_TRUE(response->keep_alive());
    EXPECT_EQ(echoed_target(*response), target);
    EXPECT_EQ((*response)[boost::beast::http::field::content_type],
              "application/json; charset=utf-8");
  }
}

void expect_pipelined_in_order(unsigned short port, int count) {
  test_client client(port);
  std::string burst;
  for (int i = 0; i < count; ++i) burst += get("/products/" + std::to_string(i + 1));
  client.send_raw(burst);  // one write: the server sees all requests at once
  for (int i = 0; i < count; ++i) {
    auto response = client.read_response();
    ASSERT_TRUE(response) << i << ": " << client.last_error().message();
    EXPECT_EQ(echoed_target(*response), "/products/" + std::to_string(i + 1));
  }
}

TEST_F(server_test, pipelined_requests_are_answered_in_order) {
  start();
  expect_pipelined_in_order(port(), 10);
}

TEST_F(server_test, pipelining_beyond_the_in_flight_bound_still_answers_all_in_order) {
  start();
  expect_pipelined_in_order(port(), 60);  // > max_pipelined_requests (16): reading pauses, resumes
}

TEST_F(server_test, slowloris_is_closed_after_the_request_timeout) {
  start();
  test_client client(port());
  client.send_raw("GET /products/1 HTTP/1.1\r\nHost: te");  // and never finish the headers
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_peer(2s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
}

TEST_F(server_test, silent_connection_is_closed_after_the_request_timeout) {
  start();
  test_client client(port());
  EXPECT_TRUE(client.closed_by_peer(2s));
}

TEST_F(server_test, idle_keep_alive_connection_is_closed) {
  start();
  test_client client(port());
  client.send_raw(get("/products/1"));
  ASSERT_TRUE(client.read_response());
  EXPECT_TRUE(client.closed_by_peer(2s));
}

TEST_F(server_test, oversized_header_is_431) {
  start();
  test_client client(port());
  client.send_raw(get("/products/1", "X-Pad: " + std::string(9000, 'a') + "\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->result_int(), 431u);
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(server_test, oversized_target_is_414) {
  start();
  test_client client(port());
  client.send_raw(get("/products?page=1&pad=" + std::string(3000, 'x')));
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->result_int(), 414u);
  EXPECT_TRUE(nlohmann::json::parse(response->body()).contains("error"));
}

TEST_F(server_test, oversized_body_is_413) {
  start();
  test_client client(port());
  client.send_raw("POST /products HTTP/1.1\r\nHost: test\r\nContent-Length: 5000\r\n\r\n" +
                  std::string(5000, 'b'));
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->result_int(), 413u);
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(server_test, small_body_on_post_reaches_handler_and_gets_405_with_allow) {
  start();
  test_client client(port());
  client.send_raw("POST /products HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\n{}");
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->result_int(), 405u);
  EXPECT_EQ((*response)[boost::beast::http::field::allow], "GET, HEAD, OPTIONS");
  EXPECT_TRUE(response->keep_alive());
}

// RFC 9110 15.6.2: a method token the server does not know is 501; a known one it does not
// allow is 405 (tested above).
TEST_F(server_test, unknown_method_token_is_501) {
  start();
  for (const char* method : {"BREW", "get"}) {
    test_client client(port());
    client.send_raw(std::string(method) + " /products/1 HTTP/1.1\r\nHost: test\r\n\r\n");
    auto response = client.read_response();
    ASSERT_TRUE(response) << method << ": " << client.last_error().message();
    EXPECT_EQ(response->result_int(), 501u) << method;
  }
}

TEST_F(server_test, http2_request_line_is_505) {
  start();
  test_client client(port());
  client.send_raw("GET /products/1 HTTP/2.0\r\nHost: test\r\n\r\n");
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->result_int(), 505u);
}

// RFC 9112 3.2: an HTTP/1.1 request needs exactly one Host; RFC 9112 6.1: a transfer coding the
// server cannot frame is refused rather than guessed at.
TEST_F(server_test, missing_or_duplicate_host_and_unknown_transfer_encoding_are_400) {
  start();
  for (const std::string raw :
       {"GET /products/1 HTTP/1.1\r\n\r\n",
        "GET /products/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "POST /products HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"}) {
    test_client client(port());
    client.send_raw(raw);
    auto response = client.read_response();
    ASSERT_TRUE(response) << raw << ": " << client.last_error().message();
    EXPECT_EQ(response->result_int(), 400u) << raw;
  }
}

TEST_F(server_test, http10_is_answered_and_closed) {
  start();
  test_client client(port());
  client.send_raw("GET /products/3 HTTP/1.0\r\n\r\n");
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->version(), 10u);
  EXPECT_EQ(echoed_target(*response), "/products/3");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(server_test, http10_keep_alive_is_honoured) {
  start();
  test_client client(port());
  for (int i = 0; i < 3; ++i) {
    client.send_raw("GET /products/3 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    auto response = client.read_response();
    ASSERT_TRUE(response) << i << ": " << client.last_error().message();
    EXPECT_TRUE(response->keep_alive());
  }
}

TEST_F(server_test, connection_close_request_closes_after_answer) {
  start();
  test_client client(port());
  client.send_raw(get("/products/1", "Connection: close\r\n") + get("/products/2"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->keep_alive());
  EXPECT_EQ(echoed_target(*response), "/products/1");
  EXPECT_TRUE(client.closed_by_peer());  // the request after "close" is not answered
}

TEST_F(server_test, garbage_gets_400_and_close) {
  start();
  test_client client(port());
  client.send_raw("\x16\x03\x01 this is not HTTP\r\n\r\n");
  auto response = client.read_response();
  ASSERT_TRUE(response) << client.last_error().message();
  EXPECT_EQ(response->result_int(), 400u);
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(server_test, head_has_get_length_and_no_body) {
  start();
  test_client client(port());
  client.send_raw(get("/products/9"));
  auto full = client.read_response();
  client.send_raw("HEAD /products/9 HTTP/1.1\r\nHost: test\r\n\r\n" + get("/products/10"));
  auto head = client.read_response(true);
  ASSERT_TRUE(full && head);
  EXPECT_EQ((*head)[boost::beast::http::field::content_length],
            std::to_string(full->body().size()));
  EXPECT_TRUE(head->body().empty());
  auto next = client.read_response();  // the connection is still in sync after HEAD
  ASSERT_TRUE(next);
  EXPECT_EQ(echoed_target(*next), "/products/10");
}

TEST_F(server_test, etag_revalidation_gives_304) {
  start();
  test_client client(port());
  client.send_raw(get("/products/9"));
  auto first = client.read_response();
  ASSERT_TRUE(first);
  std::string etag((*first)[boost::beast::http::field::etag]);
  ASSERT_FALSE(etag.empty());
  client.send_raw(get("/products/9", "If-None-Match: " + etag + "\r\n"));
  auto second = client.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->result_int(), 304u);
  EXPECT_TRUE(second->body().empty());
}

TEST_F(server_test, options_preflight_is_answered_by_the_transport) {
  start();
  test_client client(port());
  client.send_raw(
      "OPTIONS /products/1 HTTP/1.1\r\nHost: test\r\nOrigin: http://x\r\n"
      "Access-Control-Request-Method: GET\r\n\r\n");
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 204u);
  EXPECT_EQ((*response)[boost::beast::http::field::access_control_allow_methods],
            "GET, HEAD, OPTIONS");
  EXPECT_EQ((*response)[boost::beast::http::field::access_control_allow_origin], "*");
}

TEST_F(server_test, dropped_or_throwing_handler_answers_500_and_keeps_order) {
  start();
  test_client client(port());
  client.send_raw(get("/drop") + get("/throw") + get("/products/1"));
  for (unsigned status : {500u, 500u, 200u}) {
    auto response = client.read_response();
    ASSERT_TRUE(response) << client.last_error().message();
    EXPECT_EQ(response->result_int(), status);
  }
}

TEST_F(server_test, connections_beyond_the_cap_get_503) {
  server_limits limits = test_limits();
  limits.max_connections = 2;
  limits.idle_timeout = 5s;
  start(limits);
  test_client first(port());
  test_client second(port());
  for (test_client* client : {&first, &second}) {  // an answer proves the session is registered
    client->send_raw(get("/products/1"));
    ASSERT_TRUE(client->read_response());
  }
  test_client third(port());
  auto rejected = third.read_response();
  ASSERT_TRUE(rejected) << third.last_error().message();
  EXPECT_EQ(rejected->result_int(), 503u);
  EXPECT_EQ((*rejected)[boost::beast::http::field::retry_after], "1");
  EXPECT_TRUE(third.closed_by_peer());
  first.send_raw(get("/products/2"));  // existing connections are unaffected
  ASSERT_TRUE(first.read_response());
}

TEST_F(server_test, graceful_stop_drains_in_flight_request_then_refuses) {
  server_limits limits = test_limits();
  limits.idle_timeout = 5s;
  start(limits);
  test_client busy(port());
  test_client idle(port());
  idle.send_raw(get("/products/1"));
  ASSERT_TRUE(idle.read_response());
  busy.send_raw(get("/slow"));
  std::this_thread::sleep_for(50ms);  // the slow request is in the handler now
  auto started = std::chrono::steady_clock::now();
  server_->shutdown();
  EXPECT_TRUE(idle.closed_by_peer(1s));  // idle keep-alive connections close at once
  auto response = busy.read_response();
  ASSERT_TRUE(response) << busy.last_error().message();
  EXPECT_EQ(response->result_int(), 200u);
  EXPECT_EQ(echoed_target(*response), "/slow");
  EXPECT_FALSE(response->keep_alive());
  server_->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  test_client late(port());
  EXPECT_FALSE(late.connected());
}

TEST_F(server_test, drain_timeout_bounds_shutdown) {
  server_limits limits = test_limits();
  limits.drain_timeout = 100ms;
  start(limits);
  test_client client(port());
  client.send_raw(get("/slow"));
  std::this_thread::sleep_for(50ms);
  auto started = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 250ms);  // did not wait the 300 ms answer
  EXPECT_FALSE(client.read_response());
}

}  // namespace
}  // namespace atelier::http
