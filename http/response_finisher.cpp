// Finishes responses: content headers, conditional requests, compression, HEAD and CORS.
#include "http/response_finisher.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

#include "http/content_coding.hpp"
#include "http/etag.hpp"

namespace atelier::http {
namespace beast_http = boost::beast::http;
namespace {

constexpr std::string_view json_content_type = "application/json; charset=utf-8";
constexpr std::string_view gzip_etag_suffix = "-gzip";
// request headers browsers may send cross-origin to this read-only API
constexpr std::string_view cors_allowed_headers =
    "Accept, Accept-Encoding, Cache-Control, Content-Type, If-None-Match";

/// Beast 1.74 takes boost::string_view, not std::string_view.
boost::beast::string_view beast_view(std::string_view text) {
  return {text.data(), text.size()};
}

wire_response base_response(const api_request& request, unsigned status,
                            const finish_options& options) {
  wire_response res;
  res.result(status);
  res.version(request.version);
  res.keep_alive(request.keep_alive);
  res.set(beast_http::field::server, beast_view(options.server_name));
  res.set(beast_http::field::access_control_allow_origin, "*");
  return res;
}

/// Whether the status forbids a body (RFC 7230 3.3.3).
bool bodiless_status(unsigned status) {
  return status < 200 || status == 204 || status == 304;
}

}  // namespace

wire_response finish_response(const api_request& request, api_response response,
                              const finish_options& options) {
  wire_response res = base_response(request, response.status, options);
  res.set(beast_http::field::access_control_expose_headers, "ETag");
  for (auto& [name, value] : response.headers) res.insert(name, value);
  if (response.status == 405) res.set(beast_http::field::allow, beast_view(allowed_methods));
  if (bodiless_status(response.status)) return res;
  res.set(beast_http::field::content_type, response.content_type.empty()
                                               ? beast_view(json_content_type)
                                               : beast_view(response.content_type));

  bool large = response.body.size() > options.gzip_min_bytes;
  bool compress = large && request.accepts_gzip;
  if (large) res.set(beast_http::field::vary, "Accept-Encoding");
  if (response.cacheable && response.status == 200) {
    const std::uint64_t hash = body_hash(response.body);
    std::string identity_tag = strong_etag_of_hash(hash);
    std::string gzip_tag = strong_etag_of_hash(hash, gzip_etag_suffix);
    res.set(beast_http::field::etag, compress ? gzip_tag : identity_tag);
    if (!request.if_none_match.empty() &&
        (if_none_match_matches(request.if_none_match, identity_tag) ||
         if_none_match_matches(request.if_none_match, gzip_tag))) {
      res.result(beast_http::status::not_modified);
      res.erase(beast_http::field::content_type);
      return res;
    }
  }
  if (compress) {
    if (auto gzipped = gzip_compress(response.body)) {
      response.body = std::move(*gzipped);
      res.set(beast_http::field::content_encoding, "gzip");
    } else if (response.cacheable && response.status == 200) {
      res.set(beast_http::field::etag, strong_etag(response.body));  // sending identity after all
    }
  }
  res.content_length(response.body.size());
  // HEAD: same headers as GET, including its Content-Length, but no body
  if (request.method != request_method::head) res.body() = std::move(response.body);
  return res;
}

wire_response preflight_response(const api_request& request, const finish_options& options) {
  wire_response res = base_response(request, 204, options);
  res.set(beast_http::field::allow, beast_view(allowed_methods));
  res.set(beast_http::field::access_control_allow_methods, beast_view(allowed_methods));
  res.set(beast_http::field::access_control_allow_headers, beast_view(cors_allowed_headers));
  res.set(beast_http::field::access_control_max_age, std::to_string(options.cors_max_age_seconds));
  return res;
}

}  // namespace atelier::http
