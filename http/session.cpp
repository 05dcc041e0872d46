// Reads, dispatches and answers the requests of one connection in order, with timeouts and limits.
#include "http/session.hpp"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>

#include "http/connection_registry.hpp"
#include "http/content_coding.hpp"
#include "http/error_response.hpp"

namespace atelier::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
namespace {

constexpr std::size_t max_linger_bytes = 64 * 1024;  // unread bytes discarded before closing

/// Logs an unexpected transport failure; expected ones (timeouts, resets) never reach here.
void fail(beast::error_code ec, const char* what) {
  std::cerr << "http: " << what << ": " << ec.message() << '\n';
}

std::string_view std_view(beast::string_view text) {
  return {text.data(), text.size()};
}

request_method method_of(beast_http::verb verb) {
  switch (verb) {
    case beast_http::verb::get:
      return request_method::get;
    case beast_http::verb::head:
      return request_method::head;
    case beast_http::verb::options:
      return request_method::options;
    default:
      return request_method::other;
  }
}

/// The answer to one request, owned jointly by every copy of its respond_fn. Answers exactly once;
/// if no copy ever answered, the destructor answers 500 so the connection's pipeline cannot stall.
struct pending_answer {
  std::weak_ptr<session> owner;
  std::uint64_t sequence;
  api_request request;
  finish_options finish;
  std::atomic<bool> answered{false};

  pending_answer(std::weak_ptr<session> session_owner, std::uint64_t number, api_request copy,
                 const finish_options& options)
      : owner(std::move(session_owner)),
        sequence(number),
        request(std::move(copy)),
        finish(options) {}
  pending_answer(const pending_answer&) = delete;
  pending_answer& operator=(const pending_answer&) = delete;
  ~pending_answer() {
    if (!answered) answer(error_response(service_error::internal, "the request was not answered"));
  }

  void answer(api_response response) noexcept {
    if (answered.exchange(true)) return;  // later calls are ignored
    try {
      // finishing (ETag, gzip) runs on the answering thread, not on the I/O threads
      wire_response finished = finish_response(request, std::move(response), finish);
      if (auto open_session = owner.lock()) open_session->deliver(sequence, std::move(finished));
    } catch (const std::exception& error) {
      std::cerr << "http: cannot deliver a response: " << error.what() << '\n';
    }
  }
};

api_request to_api_request(const beast_http::request<beast_http::string_body>& request) {
  api_request api;
  api.method = method_of(request.method());
  api.method_name = std::string(std_view(request.method_string()));
  api.target = std::string(std_view(request.target()));
  api.if_none_match = std::string(std_view(request[beast_http::field::if_none_match]));
  api.accepts_gzip = accepts_gzip(std_view(request[beast_http::field::accept_encoding]));
  api.keep_alive = request.keep_alive();
  api.version = request.version();
  return api;
}

bool is_http_parse_error(beast::error_code ec) {
  return ec.category() == beast::error_code(beast_http::error::bad_method).category();
}

/// Whether a request line Beast refused as bad_version is well formed but of another major version
/// ("PRI * HTTP/2.0", the HTTP/2 prior-knowledge preface): RFC 9110 15.6.6 answers that with 505.
bool other_major_version(const beast::flat_buffer& buffer) {
  std::string_view received(static_cast<const char*>(buffer.data().data()), buffer.size());
  const auto line_end = received.find("\r\n");
  if (line_end == std::string_view::npos || line_end < 8) return false;
  std::string_view version = received.substr(line_end - 8, 8);  // "HTTP/x.y"
  return version.substr(0, 5) == "HTTP/" && std::isdigit(static_cast<unsigned char>(version[5])) &&
         version[6] == '.' && std::isdigit(static_cast<unsigned char>(version[7])) &&
         version[5] != '1' && version[5] != '0';
}

/// A well-formed message the server must still refuse, and how (status 0: none).
struct protocol_violation {
  unsigned status = 0;
  std::string_view message;
};

/// The RFC 9112 rules Beast's parser leaves to the server. Each answer closes the connection:
/// after any of them the framing of what follows cannot be trusted.
protocol_violation check_protocol(const beast_http::request<beast_http::string_body>& request,
                                  bool chunked) {
  // 3.2: a 1.1 request without exactly one Host, or 1.0 with several, is a 400
  const auto hosts = request.count(beast_http::field::host);
  if (hosts > 1 || (hosts == 0 && request.version() == 11))
    return {400, "exactly one Host header is required"};
  // 6.3: a transfer coding we cannot frame (not chunked last) leaves the body length unknown
  if (request.count(beast_http::field::transfer_encoding) > 0 && !chunked)
    return {400, "unsupported Transfer-Encoding"};
  return {};
}

}  // namespace

session::session(net::ip::tcp::socket&& socket, request_handler& handler,
                 const server_limits& limits, const finish_options& finish,
                 std::shared_ptr<connection_registry> registry)
    : stream_(std::move(socket)),
      deadline_(stream_.get_executor()),
      handler_(handler),
      limits_(limits),
      finish_(finish),
      registry_(std::move(registry)) {}

void session::run() {
  registry_id_ = registry_->add(shared_from_this());
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&session::start, shared_from_this()));
}

void session::drain() {
  net::post(stream_.get_executor(),
            beast::bind_front_handler(&session::on_drain, shared_from_this()));
}

void session::close() {
  net::post(stream_.get_executor(),
            beast::bind_front_handler(&session::do_close, shared_from_this()));
}

void session::deliver(std::uint64_t sequence, wire_response response) {
  net::post(stream_.get_executor(),
            [self = shared_from_this(), sequence, response = std::move(response)]() mutable {
              self->on_response(sequence, std::move(response));
            });
}

void session::start() {
  // a connection accepted while the server began draining is closed without reading
  if (registry_->draining()) {
    draining_ = true;
    stop_reading_ = true;
    return maybe_finish();
  }
  do_read();
}

void session::do_read() {
  if (stop_reading_ || closed_ || shutting_down_ || phase_ != read_phase::none) return;
  // too many unanswered requests: stop reading; on_write resumes
  if (pending_.size() >= limits_.max_pipelined_requests) return;
  if (buffer_.size() > 0) return do_read_request(false);
  do_await_request();
}

void session::do_await_request() {
  phase_ = read_phase::awaiting_request;
  if (!pending_.empty()) {
    disarm_deadline();  // answers are in flight: the connection is busy, not idle
  } else {
    // the first request's headers must arrive within request_timeout of the accept (slowloris)
    arm_deadline(served_any_ ? limits_.idle_timeout : limits_.request_timeout);
  }
  // An idle connection holds no read buffer (10k idle keep-alive clients would otherwise pin 40
  // MiB): wait for readability, then let the parser's read allocate what the request needs.
  buffer_.shrink_to_fit();
  stream_.expires_never();  // reads are bounded by deadline_, not by the stream's write timer
  stream_.socket().async_wait(
      net::socket_base::wait_read,
      beast::bind_front_handler(&session::on_await_request, shared_from_this()));
}

void session::on_await_request(beast::error_code ec) {
  phase_ = read_phase::none;
  if (ec == net::error::operation_aborted) {
    // drain/close cancelled the wait: answer what was read, then close
    stop_reading_ = true;
    return maybe_finish();
  }
  if (ec) {
    fail(ec, "wait");
    return do_close();
  }
  // readable may also mean EOF or a reset: the read reports those (end_of_stream, reset)
  do_read_request(!served_any_);
}

void session::do_read_request(bool keep_deadline) {
  phase_ = read_phase::reading_request;
  if (!keep_deadline) arm_deadline(limits_.request_timeout);
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
  parser_->body_limit(limits_.max_body_bytes);
  stream_.expires_never();
  beast_http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&session::on_read, shared_from_this()));
}

void session::on_read(beast::error_code ec, std::size_t) {
  phase_ = read_phase::none;
  disarm_deadline();
  if (ec == beast_http::error::end_of_stream || ec == net::error::operation_aborted) {
    stop_reading_ = true;
    return maybe_finish();
  }
  if (ec == beast_http::error::partial_message || ec == net::error::connection_reset) {
    return do_close();  // the peer vanished mid-request: nobody to answer
  }
  if (ec == beast_http::error::header_limit) return reject(431, "request header fields too large");
  if (ec == beast_http::error::body_limit) return reject(413, "request body too large");
  if (ec == beast_http::error::bad_version && other_major_version(buffer_))
    return reject(505, "only HTTP/1.0 and HTTP/1.1 are supported");
  if (is_http_parse_error(ec)) return reject(400, "malformed HTTP request");
  if (ec) {
    fail(ec, "read");
    return do_close();
  }
  served_any_ = true;
  const auto violation = check_protocol(parser_->get(), parser_->chunked());
  if (violation.status != 0) return reject(violation.status, violation.message);
  on_request(parser_->release());
  parser_.reset();  // an idle connection keeps no parser state
  do_read();
}

void session::on_request(request_message request) {
  api_request api = to_api_request(request);
  if (!api.keep_alive) stop_reading_ = true;  // nothing after a "close" request is read
  if (request.target().size() > limits_.max_target_bytes)
    return answer_locally(api, 414, "request-target too long");
  // RFC 9110 15.6.2: a method the server does not recognise is 501; known ones it does not allow
  // on a route (POST, DELETE...) get the application's 405 with Allow
  if (request.method() == beast_http::verb::unknown)
    return answer_locally(api, 501, "method " + api.method_name + " is not implemented");
  if (api.method == request_method::options) {
    enqueue(preflight_response(api, finish_));
    return do_write();
  }
  auto answer =
      std::make_shared<pending_answer>(weak_from_this(), enqueue(std::nullopt), api, finish_);
  try {
    handler_.handle(std::move(api),
                    [answer](api_response response) { answer->answer(std::move(response)); });
  } catch (const std::exception& error) {
    std::cerr << "http: request handler threw: " << error.what() << '\n';
    answer->answer(error_response(service_error::internal, "internal error"));
  }
}

void session::answer_locally(const api_request& api, unsigned status, std::string_view message) {
  api_response answer = error_response(service_error::bad_request, message);
  answer.status = status;
  enqueue(finish_response(api, std::move(answer), finish_));
  do_write();
}

void session::reject(unsigned status, std::string_view message) {
  // the parser cannot resynchronise after a bad message: answer it, then close
  stop_reading_ = true;
  api_request api;
  api.keep_alive = false;
  // answer 1.0 clients in 1.0; anything else (2.0, a broken line) in 1.1
  if (parser_ && parser_->is_header_done() && parser_->get().version() == 10) api.version = 10;
  api_response rejection = error_response(service_error::bad_request, message);
  rejection.status = status;
  enqueue(finish_response(api, std::move(rejection), finish_));
  do_write();
}

std::uint64_t session::enqueue(std::optional<wire_response> response) {
  pending_.push_back(pending_response{std::move(response)});
  return next_sequence_++;
}

void session::on_response(std::uint64_t sequence, wire_response response) {
  if (closed_ || shutting_down_) return;
  if (sequence < first_sequence_ || sequence - first_sequence_ >= pending_.size()) return;
  pending_[sequence - first_sequence_].response = std::move(response);
  do_write();
}

void session::do_write() {
  if (writing_ || closed_ || shutting_down_ || pending_.empty() || !pending_.front().response)
    return;
  wire_response& response = *pending_.front().response;
  // the last answer before closing says so, so the client does not send more on this connection
  if (stop_reading_ && phase_ == read_phase::none && pending_.size() == 1)
    response.keep_alive(false);
  writing_ = true;
  stream_.expires_after(limits_.write_timeout);
  beast_http::async_write(stream_, response,
                          beast::bind_front_handler(&session::on_write, shared_from_this()));
}

void session::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec == net::error::operation_aborted || ec == beast::error::timeout) return do_close();
  if (ec) {
    if (ec != net::error::broken_pipe && ec != net::error::connection_reset) fail(ec, "write");
    return do_close();
  }
  bool keep_alive = pending_.front().response->keep_alive();
  pending_.pop_front();
  ++first_sequence_;
  if (!keep_alive) {
    stop_reading_ = true;
    pending_.clear();  // nothing after a "close" answer is sent
    first_sequence_ = next_sequence_;
  }
  if (phase_ == read_phase::awaiting_request) {
    if (stop_reading_) {
      stream_.socket().cancel();  // deferred from on_drain while the write was in flight
    } else if (pending_.empty()) {
      arm_deadline(limits_.idle_timeout);
    }
  }
  do_write();
  do_read();  // resumes reading if the pipeline was full
  maybe_finish();
}

void session::on_drain() {
  if (closed_ || draining_) return;
  draining_ = true;
  stop_reading_ = true;
  // an idle wait is cancelled now (or after the write in flight); a request being read completes
  if (phase_ == read_phase::awaiting_request && !writing_) stream_.socket().cancel();
  maybe_finish();
}

void session::maybe_finish() {
  if (closed_ || shutting_down_) return;
  if (stop_reading_ && phase_ == read_phase::none && pending_.empty() && !writing_) do_shutdown();
}

void session::do_shutdown() {
  shutting_down_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  arm_deadline(limits_.linger_timeout);
  do_linger();
}

void session::do_linger() {
  // read and discard until the peer's FIN: closing with unread bytes would reset the connection and
  // could destroy the last answer before the client read it
  stream_.expires_never();
  stream_.async_read_some(net::buffer(linger_buffer_),
                          beast::bind_front_handler(&session::on_linger, shared_from_this()));
}

void session::on_linger(beast::error_code ec, std::size_t bytes) {
  lingered_bytes_ += bytes;
  if (ec || lingered_bytes_ > max_linger_bytes) return do_close();
  do_linger();
}

void session::do_close() {
  if (closed_) return;
  closed_ = true;
  disarm_deadline();
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
  pending_.clear();
  registry_->remove(registry_id_);
}

void session::arm_deadline(std::chrono::milliseconds timeout) {
  std::uint64_t generation = ++deadline_generation_;
  deadline_.expires_after(timeout);
  deadline_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    self->on_deadline(ec, generation);
  });
}

void session::disarm_deadline() {
  ++deadline_generation_;
  deadline_.cancel();
}

void session::on_deadline(beast::error_code ec, std::uint64_t generation) {
  if (ec == net::error::operation_aborted) return;
  if (generation != deadline_generation_ || closed_) return;  // re-armed or disarmed meanwhile
  do_close();  // a slow or idle client: close without an answer
}

}  // namespace atelier::http
