// Error statuses, CORS, ETag, gzip, HEAD and Content-Type of the service, checked over a socket.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/service/service_fixture.hpp"
#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

constexpr const char* json_content_type = "application/json; charset=utf-8";

/// The response carries a JSON object {"error": "<non-empty string>"} and the JSON content type.
void expect_json_error(const http_response& response, unsigned status) {
  EXPECT_EQ(response.result_int(), status) << response.body();
  EXPECT_EQ(header_of(response, "Content-Type"), json_content_type);
  EXPECT_EQ(header_of(response, "Access-Control-Allow-Origin"), "*");
  auto body = nlohmann::json::parse(response.body(), nullptr, false);
  ASSERT_TRUE(body.is_object()) << response.body();
  ASSERT_TRUE(body.contains("error")) << response.body();
  ASSERT_TRUE(body["error"].is_string()) << response.body();
  EXPECT_FALSE(body["error"].get<std::string>().empty());
}

void expect_status(http_client& client, const std::string& target, unsigned status,
                   std::string_view method = "GET") {
  SCOPED_TRACE(std::string(method) + " " + target);
  auto response = client.request(method, target, {{"Content-Length", "0"}});
  ASSERT_TRUE(response) << "no response";
  expect_json_error(*response, status);
}

void malformed_product_ids_are_400_on_every_product_route() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (const char* id : {"abc", "-1", "0", "1e3", "99999999999", "+5", "2147483648", "1.0", "%31"})
    for (const char* suffix : {"", "/styles", "/related"})
      expect_status(client, std::string("/products/") + id + suffix, 400);
  // An empty id: "/products/" alone is the list (one trailing slash is tolerated).
  expect_status(client, "/products//styles", 400);
  expect_status(client, "/products//related", 400);
  expect_status(client, "/products//", 400);
}

void bad_page_and_count_are_400_and_the_bounds_are_accepted() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (const char* query : {"page=0", "count=0", "count=1001", "count=abc", "page=abc", "page=-1",
                            "page=1&page=2", "count=", "page=2147483648"})
    expect_status(client, std::string("/products?") + query, 400);
  for (const char* query : {"count=1000", "page=2147483647", "count=1", "page=1&count=5&x=y"}) {
    auto response = client.get(std::string("/products?") + query);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->result_int(), 200u) << query << ": " << response->body();
  }
}

void unknown_products_and_routes_are_404() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (const char* id : {"5", "999", "2147483647"})
    for (const char* suffix : {"", "/styles", "/related"})
      expect_status(client, std::string("/products/") + id + suffix, 404);
  for (const char* target : {"/nope", "/products/1/reviews", "/products/1/styles/2", "/", "/cart"})
    expect_status(client, target, 404);
}

void unsupported_methods_are_405_with_allow() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    for (const char* target : {"/products/1", "/products/1/styles", "/products"}) {
      SCOPED_TRACE(std::string(method) + " " + target);
      auto response = client.request(method, target, {{"Content-Length", "0"}});
      ASSERT_TRUE(response);
      expect_json_error(*response, 405);
      EXPECT_EQ(header_of(*response, "Allow"), "GET, HEAD, OPTIONS");
    }
  }
}

void options_preflight_is_204_with_cors_headers() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  auto response = client.request("OPTIONS", "/products/1/styles",
                                 {{"Origin", "https://shop.example"},
                                  {"Access-Control-Request-Method", "GET"},
                                  {"Access-Control-Request-Headers", "If-None-Match"}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 204u);
  EXPECT_TRUE(response->body().empty());
  EXPECT_EQ(header_of(*response, "Access-Control-Allow-Origin"), "*");
  EXPECT_NE(header_of(*response, "Access-Control-Allow-Methods").find("GET"), std::string::npos);
  EXPECT_FALSE(header_of(*response, "Access-Control-Allow-Headers").empty());
  EXPECT_FALSE(header_of(*response, "Access-Control-Max-Age").empty());
  // The connection stays usable after a body-less answer.
  auto next = client.get("/products/1/related");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body(), "[3,2,4]");
}

void normal_responses_carry_cors_and_json_content_type() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (const char* target : {"/products", "/products/1", "/products/1/styles",
                             "/products/1/related", "/healthz", "/readyz"}) {
    SCOPED_TRACE(target);
    auto response = client.get(target, {{"Origin", "https://shop.example"}});
    ASSERT_TRUE(response);
    EXPECT_EQ(response->result_int(), 200u) << response->body();
    EXPECT_EQ(header_of(*response, "Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(header_of(*response, "Content-Type"), json_content_type);
  }
}

void etag_and_if_none_match_give_304_without_body() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  auto first = client.get("/products/1/styles");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->result_int(), 200u);
  const std::string etag = header_of(*first, "ETag");
  ASSERT_FALSE(etag.empty());
  auto again = client.get("/products/1/styles", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 304u);
  EXPECT_TRUE(again->body().empty());
  EXPECT_EQ(header_of(*again, "ETag"), etag);
  // A different document has a different tag, and a stale tag gets the full body.
  auto other = client.get("/products/2/styles", {{"If-None-Match", etag}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->result_int(), 200u);
  EXPECT_NE(header_of(*other, "ETag"), etag);
  EXPECT_EQ(other->body(), expected_json("styles_2.json"));
}

void gzip_when_accepted_and_large_enough() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  const std::string target = "/products?page=1&count=1000";
  auto plain = client.get(target);
  ASSERT_TRUE(plain);
  ASSERT_GT(plain->body().size(), 1024u) << "the golden page must exceed the gzip threshold";
  EXPECT_TRUE(header_of(*plain, "Content-Encoding").empty());
  auto zipped = client.get(target, {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->result_int(), 200u);
  EXPECT_EQ(header_of(*zipped, "Content-Encoding"), "gzip");
  EXPECT_NE(header_of(*zipped, "Vary").find("Accept-Encoding"), std::string::npos);
  EXPECT_LT(zipped->body().size(), plain->body().size());
  auto inflated = gunzip(zipped->body());
  ASSERT_TRUE(inflated) << "not a valid gzip body";
  EXPECT_EQ(*inflated, plain->body());
  // Small bodies stay identity-coded even when gzip is accepted.
  auto small = client.get("/products/1/related", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(small);
  EXPECT_TRUE(header_of(*small, "Content-Encoding").empty());
  EXPECT_EQ(small->body(), "[3,2,4]");
}

void head_has_the_get_headers_and_no_body() {
  http_client client(shared_service().port());
  ASSERT_TRUE(client.connected());
  for (const char* target : {"/products/1", "/products/3/styles", "/products?count=2"}) {
    SCOPED_TRACE(target);
    auto get = client.get(target);
    ASSERT_TRUE(get);
    auto head = client.request("HEAD", target);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->result_int(), 200u);
    EXPECT_TRUE(head->body().empty());
    EXPECT_EQ(header_of(*head, "Content-Length"), std::to_string(get->body().size()));
    for (const char* name : {"Content-Type", "ETag", "Access-Control-Allow-Origin"})
      EXPECT_EQ(header_of(*head, name), header_of(*get, name)) << name;
    // The connection is still in sync: the next GET gets its own body.
    auto after = client.get("/products/2/related");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->body(), "[1]");
  }
}

// Few, grouped cases: ctest runs each case in its own process, which starts Postgres and imports.
TEST(errors, bad_input_is_400_and_unknown_targets_404) {
  {
    SCOPED_TRACE("malformed_product_ids_are_400_on_every_product_route");
    malformed_product_ids_are_400_on_every_product_route();
  }
  {
    SCOPED_TRACE("bad_page_and_count_are_400_and_the_bounds_are_accepted");
    bad_page_and_count_are_400_and_the_bounds_are_accepted();
  }
  {
    SCOPED_TRACE("unknown_products_and_routes_are_404");
    unknown_products_and_routes_are_404();
  }
}

TEST(errors, methods_preflight_and_cors) {
  {
    SCOPED_TRACE("unsupported_methods_are_405_with_allow");
    unsupported_methods_are_405_with_allow();
  }
  {
    SCOPED_TRACE("options_preflight_is_204_with_cors_headers");
    options_preflight_is_204_with_cors_headers();
  }
  {
    SCOPED_TRACE("normal_responses_carry_cors_and_json_content_type");
    normal_responses_carry_cors_and_json_content_type();
  }
}

TEST(errors, etag_gzip_and_head) {
  {
    SCOPED_TRACE("etag_and_if_none_match_give_304_without_body");
    etag_and_if_none_match_give_304_without_body();
  }
  {
    SCOPED_TRACE("gzip_when_accepted_and_large_enough");
    gzip_when_accepted_and_large_enough();
  }
  {
    SCOPED_TRACE("head_has_the_get_headers_and_no_body");
    head_has_the_get_headers_and_no_body();
  }
}

}  // namespace
}  // namespace atelier::testing
