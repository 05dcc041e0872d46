// Golden JSON for every route: response bodies compared byte for byte with hand-written files.
#include <gtest/gtest.h>

#include "tests/service/service_fixture.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

/// Ids of the golden products (5 is a gap in the ids).
constexpr int golden_product_ids[] = {1, 2, 3, 4, 6, 7};

/// GETs target on one connection and compares the masked body with expected/<file>.
void expect_golden(http_client& client, const std::string& target, const std::string& file) {
  SCOPED_TRACE(target);
  auto response = client.get(target);
  ASSERT_TRUE(response) << "no response";
  EXPECT_EQ(response->result_int(), 200u) << response->body();
  EXPECT_EQ(header_of(*response, "Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(mask_import_time(response->body()), expected_json(file));
}

void product_route_matches_the_contract_for_every_product() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (int id : golden_product_ids)
    expect_golden(client, "/products/" + std::to_string(id),
                  "product_" + std::to_string(id) + ".json");
}

void styles_route_matches_the_contract_for_every_product() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (int id : golden_product_ids)
    expect_golden(client, "/products/" + std::to_string(id) + "/styles",
                  "styles_" + std::to_string(id) + ".json");
}

void related_route_drops_invalid_references_and_keeps_row_order() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (int id : golden_product_ids)
    expect_golden(client, "/products/" + std::to_string(id) + "/related",
                  "related_" + std::to_string(id) + ".json");
}

void product_list_pages_follow_id_order() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  expect_golden(client, "/products", "products_default.json");
  expect_golden(client, "/products?page=1&count=5", "products_default.json");
  expect_golden(client, "/products?page=1&count=4", "products_page1_count4.json");
  expect_golden(client, "/products?count=4&page=2", "products_page2_count4.json");  // partial
  expect_golden(client, "/products?page=3&count=4", "products_page3_count4.json");  // beyond end
  expect_golden(client, "/products?page=6&count=1", "products_page6_count1.json");
  expect_golden(client, "/products?page=1&count=1000", "products_page1_count1000.json");
  expect_golden(client, "/products?page=2147483647&count=1000", "products_page3_count4.json");
}

void created_and_updated_at_are_the_same_iso_timestamp() {
  auto response = fetch(shared_service().port(), "/products/1");
  ASSERT_TRUE(response);
  const std::string& body = response->body();
  const auto created = body.find("\"created_at\":\"");
  const auto updated = body.find("\"updated_at\":\"");
  ASSERT_NE(created, std::string::npos);
  ASSERT_NE(updated, std::string::npos);
  const std::string stamp = body.substr(created + 14, 24);
  EXPECT_EQ(body.substr(updated + 14, 24), stamp);
  EXPECT_EQ(mask_import_time("\"created_at\":\"" + stamp + "\""),
            "\"created_at\":\"@IMPORT_TIME@\"");
}

// Few, grouped cases: ctest runs each case in its own process, which starts Postgres and imports.
TEST(golden, every_product_route_matches_the_golden_json) {
  {
    SCOPED_TRACE("product_route_matches_the_contract_for_every_product");
    product_route_matches_the_contract_for_every_product();
  }
  {
    SCOPED_TRACE("styles_route_matches_the_contract_for_every_product");
    styles_route_matches_the_contract_for_every_product();
  }
  {
    SCOPED_TRACE("related_route_drops_invalid_references_and_keeps_row_order");
    related_route_drops_invalid_references_and_keeps_row_order();
  }
}

TEST(golden, product_list_pages_and_timestamps) {
  {
    SCOPED_TRACE("product_list_pages_follow_id_order");
    product_list_pages_follow_id_order();
  }
  {
    SCOPED_TRACE("created_and_updated_at_are_the_same_iso_timestamp");
    created_and_updated_at_are_the_same_iso_timestamp();
  }
}

}  // namespace
}  // namespace atelier::testing
