// Unit tests of response finishing: content headers, ETag/304, gzip, HEAD, CORS, 405 Allow,
// negotiation.
#include "http/response_finisher.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "http/content_coding.hpp"
#include "http/etag.hpp"

namespace atelier::http {
namespace {
namespace beast_http = boost::beast::http;

std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string large_json() {
  std::string body = "[";
  for (int i = 0; i < 200; ++i)
    body += "{\"id\":" + std::to_string(i) + ",\"name\":\"Camo Onesie\"},";
  body.back() = ']';
  return body;
}

api_response cacheable_ok(std::string body) {
  api_response response;
  response.status = 200;
  response.body = std::move(body);
  response.cacheable = true;
  return response;
}

TEST(response_finisher, json_content_type_cors_and_server) {
  api_request request;
  wire_response res = finish_response(request, cacheable_ok("{\"id\":1}"));
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res[beast_http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(res[beast_http::field::access_control_allow_origin], "*");
  EXPECT_EQ(res[beast_http::field::server], "atelier");
  EXPECT_EQ(res[beast_http::field::content_length], "8");
  EXPECT_EQ(res.body(), "{\"id\":1}");
  EXPECT_EQ(res[beast_http::field::etag], strong_etag("{\"id\":1}"));
  EXPECT_EQ(res[beast_http::field::vary], "");  // small bodies are never compressed
}

TEST(response_finisher, content_type_can_be_set_by_the_application) {
  api_request request;
  api_response response;
  response.body = "up 1\n";
  response.content_type = "text/plain; version=0.0.4";
  wire_response res = finish_response(request, response);
  EXPECT_EQ(res[beast_http::field::content_type], "text/plain; version=0.0.4");
  EXPECT_EQ(res.body(), "up 1\n");
}

TEST(response_finisher, etag_only_on_cacheable_200) {
  api_request request;
  api_response not_cacheable = cacheable_ok("[]");
  not_cacheable.cacheable = false;
  EXPECT_EQ(finish_response(request, not_cacheable).count(beast_http::field::etag), 0u);
  api_response error = cacheable_ok("{\"error\":\"x\"}");
  error.status = 404;
  EXPECT_EQ(finish_response(request, error).count(beast_http::field::etag), 0u);
}

TEST(response_finisher, etag_is_quoted_and_depends_on_body) {
  std::string a = strong_etag("[1,2]");
  EXPECT_EQ(a.size(), 18u);
  EXPECT_EQ(a.front(), '"');
  EXPECT_EQ(a.back(), '"');
  EXPECT_NE(a, strong_etag("[1,3]"));
  EXPECT_EQ(a, strong_etag("[1,2]"));
}

// Every node of the cluster must give the same body the same tag, build after build: a changed
// hash silently turns every client's cached copy into a full download.
TEST(response_finisher, etag_values_are_stable_across_builds) {
  EXPECT_EQ(strong_etag(""), "\"6104fd609b5bd844\"");
  EXPECT_EQ(strong_etag("[1,2]"), "\"7b2d2ba143890187\"");
  EXPECT_EQ(strong_etag("12345678"), "\"cb7f4f734486b426\"");
  EXPECT_EQ(strong_etag("{\"id\":1,\"name\":\"Camo Onesie\"}"), "\"c2c204245fe24ae2\"");
  EXPECT_EQ(strong_etag("[1,2]", "-gzip"), "\"7b2d2ba143890187-gzip\"");
}

TEST(response_finisher, etag_sees_every_byte_of_the_tail_and_the_length) {
  const std::string body = "0123456789abcdefXYZ";
  for (std::size_t i = 0; i < body.size(); ++i) {
    std::string changed = body;
    changed[i] = '#';
    EXPECT_NE(strong_etag(changed), strong_etag(body)) << i;
  }
  EXPECT_NE(strong_etag(std::string("ab\0", 3)), strong_etag("ab"));
}

TEST(response_finisher, if_none_match_gives_304_without_body) {
  std::string body = "{\"id\":1}";
  std::string tag = strong_etag(body);
  for (const std::string& header : std::vector<std::string>{tag, "W/" + tag, "\"other\", " + tag,
                                                            "*", " \"x\" ,W/" + tag + " "}) {
    api_request request;
    request.if_none_match = header;
    wire_response res = finish_response(request, cacheable_ok(body));
    EXPECT_EQ(res.result_int(), 304u) << header;
    EXPECT_TRUE(res.body().empty());
    EXPECT_EQ(res[beast_http::field::etag], tag);
    EXPECT_EQ(res.count(beast_http::field::content_length), 0u);
  }
  for (std::string header : {std::string("\"other\""), std::string("garbage"), std::string("W/")}) {
    api_request request;
    request.if_none_match = header;
    EXPECT_EQ(finish_response(request, cacheable_ok(body)).result_int(), 200u) << header;
  }
}

TEST(response_finisher, gzip_round_trip_when_accepted_and_large) {
  std::string body = large_json();
  ASSERT_GT(body.size(), 1024u);
  api_request request;
  request.accepts_gzip = true;
  wire_response res = finish_response(request, cacheable_ok(body));
  EXPECT_EQ(res[beast_http::field::content_encoding], "gzip");
  EXPECT_EQ(res[beast_http::field::vary], "Accept-Encoding");
  EXPECT_LT(res.body().size(), body.size());
  EXPECT_EQ(res[beast_http::field::content_length], std::to_string(res.body().size()));
  EXPECT_EQ(gunzip(res.body()), body);
  EXPECT_EQ(res[beast_http::field::etag], strong_etag(body, "-gzip"));
  // either representation's tag revalidates
  request.if_none_match = strong_etag(body);
  EXPECT_EQ(finish_response(request, cacheable_ok(body)).result_int(), 304u);
}

TEST(response_finisher, no_gzip_when_not_accepted_or_small) {
  api_request request;
  wire_response res = finish_response(request, cacheable_ok(large_json()));
  EXPECT_EQ(res.count(beast_http::field::content_encoding), 0u);
  EXPECT_EQ(res[beast_http::field::vary], "Accept-Encoding");
  EXPECT_EQ(res.body(), large_json());
  request.accepts_gzip = true;
  EXPECT_EQ(
      finish_response(request, cacheable_ok("[1]")).count(beast_http::field::content_encoding), 0u);
}

TEST(response_finisher, head_keeps_get_content_length_without_body) {
  api_request get;
  get.accepts_gzip = true;
  api_request head = get;
  head.method = request_method::head;
  wire_response get_res = finish_response(get, cacheable_ok(large_json()));
  wire_response head_res = finish_response(head, cacheable_ok(large_json()));
  EXPECT_TRUE(head_res.body().empty());
  EXPECT_EQ(head_res[beast_http::field::content_length], std::to_string(get_res.body().size()));
  EXPECT_EQ(head_res[beast_http::field::etag], get_res[beast_http::field::etag]);
  EXPECT_EQ(head_res[beast_http::field::content_encoding], "gzip");
}

TEST(response_finisher, method_not_allowed_gets_allow) {
  api_request request;
  request.method = request_method::other;
  api_response response;
  response.status = 405;
  response.body = "{\"error\":\"method not allowed\"}";
  wire_response res = finish_response(request, response);
  EXPECT_EQ(res.result_int(), 405u);
  EXPECT_EQ(res[beast_http::field::allow], "GET, HEAD, OPTIONS");
  EXPECT_EQ(res.body(), response.body);
  response.status = 404;
  EXPECT_EQ(finish_response(request, response).count(beast_http::field::allow), 0u);
}

TEST(response_finisher, preflight_is_204_with_cors_headers) {
  api_request request;
  request.method = request_method::options;
  wire_response res = preflight_response(request);
  EXPECT_EQ(res.result_int(), 204u);
  EXPECT_EQ(res[beast_http::field::access_control_allow_origin], "*");
  EXPECT_EQ(res[beast_http::field::access_control_allow_methods], "GET, HEAD, OPTIONS");
  EXPECT_NE(res[beast_http::field::access_control_allow_headers].find("If-None-Match"),
            boost::beast::string_view::npos);
  EXPECT_EQ(res[beast_http::field::access_control_max_age], "86400");
  EXPECT_TRUE(res.body().empty());
}

TEST(response_finisher, application_headers_and_connection) {
  api_request request;
  request.version = 10;
  request.keep_alive = false;
  api_response response = cacheable_ok("[]");
  response.headers.emplace_back("Retry-After", "1");
  wire_response res = finish_response(request, response);
  EXPECT_EQ(res.version(), 10u);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_EQ(res[beast_http::field::retry_after], "1");
  request.version = 11;
  request.keep_alive = true;
  EXPECT_TRUE(finish_response(request, response).keep_alive());
}

TEST(content_coding, accept_encoding_negotiation) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, gzip;q=0.5, br"));
  EXPECT_TRUE(accepts_gzip("GZIP"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.001"));
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

}  // namespace
}  // namespace atelier::http
