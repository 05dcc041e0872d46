// Re-importing the data set while clients read it: the swap is atomic, no request fails.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "tests/service/service_fixture.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

std::int64_t dataset_version(unsigned short port) {
  auto response = fetch(port, "/readyz");
  if (!response || response->result_int() != 200) return -1;
  auto body = nlohmann::json::parse(response->body(), nullptr, false);
  if (!body.is_object() || !body.contains("dataset_version")) return -1;
  return body["dataset_version"].get<std::int64_t>();
}

/// Requests /products/1/styles in a loop on one connection, recording every answer that is not
/// a 200 with exactly `expected` (the same data set re-imported serves the same bytes).
class styles_reader {
 public:
  styles_reader(unsigned short port, std::string expected)
      : port_(port), expected_(std::move(expected)), thread_([this] { run(); }) {}
  ~styles_reader() { finish(); }
  void finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int answered() const { return answered_; }
  const std::vector<std::string>& errors() const { return errors_; }  // after finish()

 private:
  void run() {
    auto client = std::make_unique<http_client>(port_);
    while (!stop_) {
      auto response = client->get("/products/1/styles");
      if (!response) {
        errors_.push_back("no response");
        client = std::make_unique<http_client>(port_);
      } else if (response->result_int() != 200 || response->body() != expected_) {
        errors_.push_back(std::to_string(response->result_int()) + " " + response->body());
      }
      ++answered_;
    }
  }

  unsigned short port_;
  std::string expected_;
  std::atomic<bool> stop_{false};
  std::atomic<int> answered_{0};
  std::vector<std::string> errors_;
  std::thread thread_;
};

TEST(reimport, swapping_the_data_set_under_traffic_fails_no_request) {
  auto& service = shared_service();
  const auto version_before = dataset_version(service.port());
  ASSERT_GE(version_before, 1);
  auto baseline = fetch(service.port(), "/products/1/styles");
  ASSERT_TRUE(baseline);
  ASSERT_EQ(baseline->result_int(), 200u);
  ASSERT_TRUE(nlohmann::json::accept(baseline->body())) << baseline->body();
  styles_reader reader(service.port(), baseline->body());
  ASSERT_TRUE(eventually([&] { return reader.answered() >= 20; }, milliseconds(3000)));
  const auto summary = import_golden(service.database_url());
  const int answered_at_swap = reader.answered();
  EXPECT_TRUE(
      eventually([&] { return reader.answered() >= answered_at_swap + 20; }, milliseconds(3000)));
  reader.finish();
  EXPECT_TRUE(reader.errors().empty())
      << reader.errors().size() << " of " << reader.answered()
      << " requests failed; first: " << (reader.errors().empty() ? "" : reader.errors().front());
  EXPECT_EQ(summary.dataset_version, version_before + 1);
  EXPECT_TRUE(eventually([&] { return dataset_version(service.port()) > version_before; },
                         milliseconds(2000)));
}

}  // namespace
}  // namespace atelier::testing
