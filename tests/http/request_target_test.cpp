// Unit tests of request-target parsing: routes, id forms, page/count bounds, decoding.
#include "http/request_target.hpp"

#include <gtest/gtest.h>

#include <string>

namespace atelier::http {
namespace {

route expect_route(std::string_view target) {
  auto result = parse_target(target);
  EXPECT_TRUE(std::holds_alternative<route>(result)) << target;
  if (auto* r = std::get_if<route>(&result)) return *r;
  return {};
}

failure expect_failure(std::string_view target, service_error code) {
  auto result = parse_target(target);
  EXPECT_TRUE(std::holds_alternative<failure>(result)) << target;
  if (auto* f = std::get_if<failure>(&result)) {
    EXPECT_EQ(f->code, code) << target << ": " << f->client_message;
    EXPECT_FALSE(f->client_message.empty()) << target;
    return *f;
  }
  return {};
}

TEST(request_target, products_list_defaults) {
  route r = expect_route("/products");
  EXPECT_EQ(r.kind, route_kind::products_list);
  EXPECT_EQ(r.page, 1);
  EXPECT_EQ(r.count, 5);
  EXPECT_EQ(expect_route("/products/").kind, route_kind::products_list);
  EXPECT_EQ(expect_route("/products?").count, 5);
}

TEST(request_target, products_list_parameters) {
  route r = expect_route("/products?page=3&count=1000");
  EXPECT_EQ(r.page, 3);
  EXPECT_EQ(r.count, 1000);
  r = expect_route("/products?count=1&page=2147483647&utm_source=x&flag");
  EXPECT_EQ(r.page, 2147483647);
  EXPECT_EQ(r.count, 1);
  EXPECT_EQ(expect_route("/products/?page=2").page, 2);
  EXPECT_EQ(expect_route("/products?&&page=4&").page, 4);
}

TEST(request_target, query_values_are_percent_decoded) {
  EXPECT_EQ(expect_route("/products?page=%31%32").page, 12);
  EXPECT_EQ(expect_route("/products?%63ount=7").count, 7);
  expect_failure("/products?page=%2", service_error::bad_request);
  expect_failure("/products?page=%zz", service_error::bad_request);
  expect_failure("/products?page=%", service_error::bad_request);
  expect_failure("/products?page=1+", service_error::bad_request);  // '+' decodes to a space
  expect_failure("/products?page=%2B5", service_error::bad_request);
}

TEST(request_target, bad_page_and_count) {
  for (const char* target :
       {"/products?page=0", "/products?page=-1", "/products?page=abc", "/products?page=",
        "/products?page", "/products?page=2147483648", "/products?page=99999999999999999999999",
        "/products?page=1e3", "/products?page=+5", "/products?page=5x", "/products?count=0",
        "/products?count=1001", "/products?count=-5", "/products?count=", "/products?count=2.5",
        "/products?page=1&page=2", "/products?count=5&count=5"}) {
    expect_failure(target, service_error::bad_request);
  }
  EXPECT_NE(expect_failure("/products?count=1001", service_error::bad_request)
                .client_message.find("1000"),
            std::string::npos);
  EXPECT_NE(expect_failure("/products?page=1&page=1", service_error::bad_request)
                .client_message.find("more than once"),
            std::string::npos);
}

TEST(request_target, product_routes) {
  route r = expect_route("/products/42");
  EXPECT_EQ(r.kind, route_kind::product);
  EXPECT_EQ(r.product_id, 42);
  r = expect_route("/products/7/styles");
  EXPECT_EQ(r.kind, route_kind::product_styles);
  EXPECT_EQ(r.product_id, 7);
  r = expect_route("/products/2147483647/related/");
  EXPECT_EQ(r.kind, route_kind::product_related);
  EXPECT_EQ(r.product_id, 2147483647);
  EXPECT_EQ(expect_route("/products/1?page=abc").product_id,
            1);  // query ignored off the list route
}

TEST(request_target, every_bad_id_form_is_bad_request) {
  for (const char* id : {"abc", "-1", "0", "00", "1e3", "+5", " 5", "5 ", "5x", "x5", "1.0",
                         "2147483648", "4294967297", "99999999999999999999999999", "%31", "0x10"}) {
    for (const char* suffix : {"", "/styles", "/related"}) {
      expect_failure(std::string("/products/") + id + suffix, service_error::bad_request);
    }
  }
  expect_failure("/products//styles", service_error::bad_request);  // empty id
}

TEST(request_target, unknown_routes_are_not_found) {
  for (const char* target :
       {"", "/", "products", "//products", "/product", "/products/1/reviews",
        "/products/1/styles/2", "/products/abc/unknown", "/Products", "/products//", "/healthz/x",
        "http://host/products", "*", "/products/1//", "/a/b/c/d/e/f"}) {
    auto result = parse_target(target);
    ASSERT_TRUE(std::holds_alternative<failure>(result)) << target;
    EXPECT_EQ(std::get<failure>(result).code, std::string_view(target) == "/products//"
                                                  ? service_error::bad_request
                                                  : service_error::not_found)
        << target;
  }
}

TEST(request_target, service_routes) {
  EXPECT_EQ(expect_route("/healthz").kind, route_kind::healthz);
  EXPECT_EQ(expect_route("/readyz/").kind, route_kind::readyz);
  EXPECT_EQ(expect_route("/metrics").kind, route_kind::metrics);
  EXPECT_EQ(expect_route("/dashboard?x=1").kind, route_kind::dashboard);
  EXPECT_EQ(expect_route("/dashboard/").kind, route_kind::dashboard);
}

TEST(request_target, dashboard_assets_name_their_file) {
  auto asset = expect_route("/dashboard/uplot.js?v=1");
  EXPECT_EQ(asset.kind, route_kind::dashboard_asset);
  EXPECT_EQ(asset.asset, "uplot.js");
  expect_failure("/dashboard/a/b", service_error::not_found);
  expect_failure("/dashboard//", service_error::not_found);
}

TEST(request_target, hostile_bytes_never_crash) {
  std::string target = "/products?page=";
  for (int byte = 0; byte < 256; ++byte) target.push_back(static_cast<char>(byte));
  expect_failure(target, service_error::bad_request);
  std::string nul_path("/products/1\0", 12);
  expect_failure(nul_path, service_error::bad_request);
}

}  // namespace
}  // namespace atelier::http
