// Unit tests of the service-error to HTTP mapping.
#include "http/error_response.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace atelier::http {
namespace {

TEST(error_response, every_error_has_its_status) {
  EXPECT_EQ(status_for(service_error::bad_request), 400u);
  EXPECT_EQ(status_for(service_error::not_found), 404u);
  EXPECT_EQ(status_for(service_error::method_not_allowed), 405u);
  EXPECT_EQ(status_for(service_error::overloaded), 503u);
  EXPECT_EQ(status_for(service_error::deadline_exceeded), 504u);
  EXPECT_EQ(status_for(service_error::database_unavailable), 503u);
  EXPECT_EQ(status_for(service_error::cache_unavailable), 503u);
  EXPECT_EQ(status_for(service_error::internal), 500u);
}

TEST(error_response, body_is_json_with_client_message_only) {
  failure error{service_error::bad_request, "count must be \"1..1000\"", "secret sql detail"};
  api_response response = error_response(error);
  EXPECT_EQ(response.status, 400u);
  EXPECT_FALSE(response.cacheable);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body, (nlohmann::json{{"error", "count must be \"1..1000\""}}));
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_TRUE(response.headers.empty());
}

TEST(error_response, overloaded_asks_to_retry) {
  api_response response = error_response(service_error::overloaded, "busy");
  EXPECT_EQ(response.status, 503u);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Retry-After");
  EXPECT_EQ(response.headers[0].second, "1");
}

TEST(error_response, invalid_utf8_in_message_does_not_throw) {
  api_response response = error_response(service_error::bad_request, "bad \xff id");
  EXPECT_TRUE(nlohmann::json::accept(response.body));
}

}  // namespace
}  // namespace atelier::http
