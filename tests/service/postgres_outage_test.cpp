// A Postgres outage on a private cluster: /readyz and product routes fail fast with 503/504 JSON,
// and the service recovers by itself once Postgres is back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/service/service_fixture.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

// Small, so a request that waits on a dead database hits its deadline quickly.
constexpr unsigned outage_request_timeout_ms = 500;
// How long a request may take beyond its deadline before we call it hung.
constexpr milliseconds deadline_slack{1000};

unsigned status_of(unsigned short port, const std::string& target) {
  auto response = fetch(port, target, "GET", {}, milliseconds(2000));
  return response ? response->result_int() : 0;
}

TEST(postgres_outage, fails_fast_while_down_and_recovers_without_a_restart) {
  postgres_server postgres;  // its own cluster: stopping it must not disturb other tests
  auto config = test_service_config("");
  config.request_timeout_ms = outage_request_timeout_ms;
  golden_service service(postgres, config);
  const auto port = service.port();
  ASSERT_EQ(status_of(port, "/products/1"), 200u);
  ASSERT_EQ(status_of(port, "/readyz"), 200u);

  postgres.stop();
  EXPECT_TRUE(eventually([&] { return status_of(port, "/readyz") == 503; }, milliseconds(3000)))
      << "/readyz did not turn 503 within 3 s of Postgres stopping";
  // Documents never requested before, so no cache layer can answer them.
  for (const char* target : {"/products/4/styles", "/products/6", "/products?page=2&count=2"}) {
    SCOPED_TRACE(target);
    const auto started = std::chrono::steady_clock::now();
    auto response =
        fetch(port, target, "GET", {}, milliseconds(outage_request_timeout_ms) + deadline_slack);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(response) << "no answer within the request deadline: the request hung";
    EXPECT_TRUE(response->result_int() == 503 || response->result_int() == 504)
        << response->result_int() << " " << response->body();
    EXPECT_LT(elapsed, milliseconds(outage_request_timeout_ms) + deadline_slack);
    auto body = nlohmann::json::parse(response->body(), nullptr, false);
    EXPECT_TRUE(body.is_object() && body.contains("error")) << response->body();
  }

  postgres.start();
  EXPECT_TRUE(
      eventually([&] { return status_of(port, "/products/7/related") == 200; }, milliseconds(2000)))
      << "product requests did not recover within 2 s of Postgres restarting";
  EXPECT_TRUE(eventually([&] { return status_of(port, "/readyz") == 200; }, milliseconds(2000)));
  auto styles = fetch(port, "/products/4/styles");
  ASSERT_TRUE(styles);
  EXPECT_EQ(styles->body(), expected_json("styles_4.json"));
}

}  // namespace
}  // namespace atelier::testing
