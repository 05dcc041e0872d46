// The atelier-service binary as a process: graceful SIGTERM shutdown and start-up failures.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <csignal>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/service/service_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

// Start-up and shutdown bounds of the binary (generous for a loaded 2-core machine).
constexpr int start_timeout_ms = 10000;
constexpr milliseconds exit_deadline{4000};

std::vector<std::string> service_argv(int port, const std::string& database_url) {
  return {ATELIER_SERVICE_BINARY, "--host",         "127.0.0.1", "--port",
          std::to_string(port),   "--database-url", database_url};
}

/// Runs argv until it exits or `deadline` passes; the exit status, or nullopt if it kept running.
std::optional<int> exit_status_within(const std::vector<std::string>& argv,
                                      const std::filesystem::path& log, milliseconds deadline) {
  child_process process(argv, log.string());
  if (eventually([&] { return !process.running(); }, deadline)) return process.stop();
  process.stop(1000);
  return std::nullopt;
}

TEST(service_process, sigterm_drains_exits_0_and_closes_the_port) {
  const auto database_url = shared_postgres().create_database();
  import_golden(database_url);
  temp_dir logs("atelier-svc-process");
  const auto log = logs.path() / "service.log";
  const int port = free_port();
  child_process service(service_argv(port, database_url), log.string());
  ASSERT_TRUE(wait_for_port(port, start_timeout_ms)) << read_file_text(log);
  const auto short_port = static_cast<unsigned short>(port);
  ASSERT_TRUE(eventually(
      [&] {
        auto health = fetch(short_port, "/healthz");
        return health && health->result_int() == 200;
      },
      milliseconds(3000)));
  auto related = fetch(short_port, "/products/1/related");
  ASSERT_TRUE(related);
  EXPECT_EQ(related->body(), "[3,2,4]");
  // An idle keep-alive connection must not hold the shutdown up.
  http_client idle(short_port);
  ASSERT_TRUE(idle.connected());
  ASSERT_TRUE(idle.get("/healthz"));

  const auto signalled = std::chrono::steady_clock::now();
  service.signal(SIGTERM);
  const bool exited = eventually([&] { return !service.running(); }, exit_deadline);
  const auto took = std::chrono::steady_clock::now() - signalled;
  EXPECT_TRUE(exited) << "still running " << exit_deadline.count() << " ms after SIGTERM";
  EXPECT_EQ(service.stop(), 0) << read_file_text(log);
  EXPECT_LT(took, exit_deadline);
  EXPECT_TRUE(idle.closed_by_peer(milliseconds(1000)));
  EXPECT_FALSE(http_client(short_port).connected()) << "the port still accepts after exit";
  EXPECT_NE(read_file_text(log).find("atelier-service: stopped"), std::string::npos)
      << read_file_text(log);
}

// A supervisor may stop the service the moment its port answers; the signal must already drain it
// rather than kill it. Tight polling and several starts put the signal right after the bind.
TEST(service_process, sigterm_as_soon_as_the_port_answers_still_exits_0) {
  const auto database_url = shared_postgres().create_database();
  import_golden(database_url);
  temp_dir logs("atelier-svc-process");
  for (int start = 0; start < 5; ++start) {
    const auto log = logs.path() / ("service-" + std::to_string(start) + ".log");
    const int port = free_port();
    child_process service(service_argv(port, database_url), log.string());
    ASSERT_TRUE(wait_for_port(port, start_timeout_ms, std::chrono::microseconds(50)))
        << read_file_text(log);
    service.signal(SIGTERM);
    ASSERT_TRUE(eventually([&] { return !service.running(); }, exit_deadline));
    EXPECT_EQ(service.stop(), 0) << "start " << start << ": " << read_file_text(log);
  }
}

TEST(service_process, unreachable_database_exits_non_zero_with_one_clear_line) {
  temp_dir logs("atelier-svc-process");
  const auto log = logs.path() / "service.log";
  // Nothing listens on a just-freed port, so the connection is refused at once.
  const std::string unreachable = "host=127.0.0.1 port=" + std::to_string(free_port()) +
                                  " dbname=atelier user=atelier connect_timeout=2";
  auto status = exit_status_within(service_argv(free_port(), unreachable), log, exit_deadline);
  ASSERT_TRUE(status) << "did not exit within " << exit_deadline.count() << " ms";
  EXPECT_NE(*status, 0);
  const std::string output = read_file_text(log);
  ASSERT_FALSE(output.empty());
  EXPECT_EQ(output.find('\n'), output.size() - 1) << "expected exactly one line:\n" << output;
  EXPECT_EQ(output.rfind("atelier-service: ", 0), 0u) << output;
  EXPECT_NE(output.find("database"), std::string::npos) << output;
}

TEST(service_process, port_already_in_use_exits_non_zero) {
  const auto database_url = shared_postgres().create_database();
  import_golden(database_url);
  boost::asio::io_context io_context;
  boost::asio::ip::tcp::acceptor holder(
      io_context, {boost::asio::ip::make_address("127.0.0.1"), 0});  // listening now
  const int port = holder.local_endpoint().port();
  temp_dir logs("atelier-svc-process");
  const auto log = logs.path() / "service.log";
  auto status = exit_status_within(service_argv(port, database_url), log, milliseconds(8000));
  ASSERT_TRUE(status) << "did not exit although the port is taken:\n" << read_file_text(log);
  EXPECT_NE(*status, 0);
  EXPECT_NE(read_file_text(log).find("in use"), std::string::npos) << read_file_text(log);
}

}  // namespace
}  // namespace atelier::testing
