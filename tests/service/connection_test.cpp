// Keep-alive, pipelining and the health endpoints of the in-process service.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/service/service_fixture.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

void one_keep_alive_connection_serves_100_requests() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  const char* routes[] = {"", "/styles", "/related"};
  for (int index = 0; index < 100; ++index) {
    const int id = index % 4 + 1;
    const std::string target = "/products/" + std::to_string(id) + routes[index % 3];
    auto response = client.get(target);
    ASSERT_TRUE(response) << "request " << index << " (" << target << ") got no response";
    ASSERT_EQ(response->result_int(), 200u) << target;
    ASSERT_TRUE(response->keep_alive()) << target;
    const std::string file = std::string(index % 3 == 0   ? "product_"
                                         : index % 3 == 1 ? "styles_"
                                                          : "related_") +
                             std::to_string(id) + ".json";
    ASSERT_EQ(mask_import_time(response->body()), expected_json(file)) << target;
  }
}

void twenty_pipelined_requests_in_one_write_are_answered_in_order() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  constexpr int pipelined = 20;
  std::string burst;
  for (int id = 1; id <= pipelined; ++id) burst += raw_get("/products/" + std::to_string(id));
  client.send_raw(burst);
  // Ids 1-4, 6 and 7 exist; the others answer 404 naming the id, so every answer is identifiable.
  for (int id = 1; id <= pipelined; ++id) {
    auto response = client.read_response();
    ASSERT_TRUE(response) << "response " << id << " missing";
    const bool exists = id <= 4 || id == 6 || id == 7;
    if (exists) {
      EXPECT_EQ(response->result_int(), 200u) << id;
      EXPECT_EQ(mask_import_time(response->body()),
                expected_json("product_" + std::to_string(id) + ".json"));
    } else {
      EXPECT_EQ(response->result_int(), 404u) << id;
      EXPECT_EQ(response->body(), "{\"error\":\"product " + std::to_string(id) + " not found\"}");
    }
  }
}

void healthz_is_200() {
  auto response = fetch(shared_service().port(), "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200u);
  auto body = nlohmann::json::parse(response->body(), nullptr, false);
  ASSERT_TRUE(body.is_object()) << response->body();
  EXPECT_EQ(body.value("status", ""), "ok");
}

void readyz_is_200_with_the_dataset_version() {
  auto response = fetch(shared_service().port(), "/readyz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200u) << response->body();
  auto body = nlohmann::json::parse(response->body(), nullptr, false);
  ASSERT_TRUE(body.is_object()) << response->body();
  EXPECT_EQ(body.value("ready", false), true);
  ASSERT_TRUE(body.contains("dataset_version")) << response->body();
  EXPECT_GE(body["dataset_version"].get<std::int64_t>(), 1);
  EXPECT_EQ(body.value("memcached_ring", ""), "off") << "this suite runs without a ring";
}

// Few, grouped cases: ctest runs each case in its own process, which starts Postgres and imports.
TEST(connections, keep_alive_pipelining_and_health) {
  {
    SCOPED_TRACE("one_keep_alive_connection_serves_100_requests");
    one_keep_alive_connection_serves_100_requests();
  }
  {
    SCOPED_TRACE("twenty_pipelined_requests_in_one_write_are_answered_in_order");
    twenty_pipelined_requests_in_one_write_are_answered_in_order();
  }
  {
    SCOPED_TRACE("healthz_is_200");
    healthz_is_200();
  }
  {
    SCOPED_TRACE("readyz_is_200_with_the_dataset_version");
    readyz_is_200_with_the_dataset_version();
  }
}

}  // namespace
}  // namespace atelier::testing
