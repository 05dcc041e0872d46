// Raw loopback connections with poll deadlines, and the good citizen's request loop.
#include "tests/faults/hostile_clients.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "tests/faults/load_driver.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

using clock_type = std::chrono::steady_clock;

// The good citizen's pace: steady traffic that a p99 means something for, without hogging the
// 2-core CI machine the attack also runs on.
constexpr std::chrono::milliseconds citizen_pause{2};
constexpr std::chrono::milliseconds citizen_timeout{3000};
constexpr std::uint64_t reconnect_every = 25;
constexpr std::uint64_t min_citizen_requests = 100;

int remaining_ms(clock_type::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
  return static_cast<int>(std::max<long long>(0, left.count()));
}

std::size_t content_length_of(const raw_reply& reply) {
  std::string value = reply.header("Content-Length");
  return value.empty() ? 0 : static_cast<std::size_t>(std::stoul(value));
}

}  // namespace

std::string raw_reply::version() const {
  auto space = head.find(' ');
  return space == std::string::npos ? std::string{} : head.substr(0, space);
}

std::string raw_reply::header(std::string_view name) const {
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos) {
    std::size_t start = line + 2;
    std::size_t end = head.find("\r\n", start);
    std::string_view field(head.data() + start,
                           (end == std::string::npos ? head.size() : end) - start);
    if (field.size() > name.size() && field[name.size()] == ':' &&
        ::strncasecmp(field.data(), name.data(), name.size()) == 0) {
      std::string_view value = field.substr(name.size() + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    line = end;
  }
  return {};
}

raw_connection::raw_connection(unsigned short port, std::chrono::milliseconds connect_timeout,
                               int receive_buffer_bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  // before connect(), so the advertised window starts small
  if (receive_buffer_bytes > 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  // Linux bounds a blocking connect() by the send timeout
  timeval limit{static_cast<time_t>(connect_timeout.count() / 1000),
                static_cast<suseconds_t>((connect_timeout.count() % 1000) * 1000)};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
}

raw_connection::~raw_connection() {
  if (fd_ >= 0) ::close(fd_);
}

raw_connection::raw_connection(raw_connection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), pending_(std::move(other.pending_)) {}

raw_connection& raw_connection::operator=(raw_connection&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    pending_ = std::move(other.pending_);
  }
  return *this;
}

bool raw_connection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool raw_connection::fill(clock_type::time_point deadline, bool& closed) {
  pollfd waiting{fd_, POLLIN, 0};
  int ready = ::poll(&waiting, 1, remaining_ms(deadline));
  if (ready <= 0) return false;
  char chunk[4096];
  ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
  if (received <= 0) {
    closed = true;
    return false;
  }
  pending_.append(chunk, static_cast<std::size_t>(received));
  return true;
}

raw_reply raw_connection::read_reply(std::chrono::milliseconds timeout) {
  raw_reply reply;
  const auto deadline = clock_type::now() + timeout;
  std::size_t head_end = std::string::npos;
  while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline, reply.closed)) {
      reply.timed_out = !reply.closed;
      return reply;
    }
  }
  reply.head = pending_.substr(0, head_end);
  pending_.erase(0, head_end + 4);
  if (reply.head.size() > 12) reply.status = std::atoi(reply.head.c_str() + 9);
  const std::size_t length = content_length_of(reply);
  while (pending_.size() < length && fill(deadline, reply.closed)) {
  }
  reply.body = pending_.substr(0, std::min(length, pending_.size()));
  pending_.erase(0, reply.body.size());
  reply.timed_out = reply.body.size() < length && !reply.closed;
  return reply;
}

bool raw_connection::wait_closed(std::chrono::milliseconds timeout) {
  const auto deadline = clock_type::now() + timeout;
  bool closed = false;
  pending_.clear();
  while (!closed && fill(deadline, closed)) pending_.clear();
  return closed;
}

bool raw_connection::closed_now() {
  return wait_closed(std::chrono::milliseconds(0));
}

good_citizen::good_citizen(unsigned short port, int products, bool new_connections)
    : thread_([this, port, products, new_connections] { run(port, products, new_connections); }) {}

good_citizen::~good_citizen() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void good_citizen::run(unsigned short port, int products, bool new_connections) {
  std::optional<http_client> client;
  // a short attack still gets a sample from the citizen: it runs on to min_citizen_requests
  for (std::uint64_t n = 0; !stopping_ || n < min_citizen_requests; ++n) {
    const bool fresh = new_connections && n % reconnect_every == 0;
    if (fresh || !client || !client->connected()) client.emplace(port);
    const std::string target = "/products/" + std::to_string(1 + n % products);
    const auto started = clock_type::now();
    auto response = client->request("GET", target, {}, citizen_timeout);
    latencies_ms_.push_back(
        std::chrono::duration<double, std::milli>(clock_type::now() - started).count());
    ++stats_.requests;
    // the generated catalog has id gaps: a 404 is a right answer, anything else 4xx/5xx is not
    if (!response || (response->result_int() != 200 && response->result_int() != 404)) {
      ++stats_.errors;
      client.reset();  // the connection's state is unknown: start afresh
    }
    std::this_thread::sleep_for(citizen_pause);
  }
}

citizen_stats good_citizen::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  stats_.p99_ms = summarize(std::move(latencies_ms_)).p99_ms;
  return stats_;
}

long raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<long>(limit.rlim_cur);
}

}  // namespace atelier::testing
