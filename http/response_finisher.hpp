// Turns an application answer into the Beast response sent on the wire (headers, ETag, gzip, HEAD,
// CORS).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <string_view>

#include "http/request_handler.hpp"

namespace atelier::http {

/// The response type the transport writes.
using wire_response = boost::beast::http::response<boost::beast::http::string_body>;

/// The methods every API route allows; sent as Allow on 405 and on CORS preflight answers.
inline constexpr std::string_view allowed_methods = "GET, HEAD, OPTIONS";

/// Knobs of response finishing.
struct finish_options {
  std::size_t gzip_min_bytes = 1024;  ///< bodies strictly larger than this are gzip'd when accepted
  std::string_view server_name = "atelier";  ///< Server header
  unsigned cors_max_age_seconds = 86400;     ///< Access-Control-Max-Age of preflight answers
};

/// Builds the wire response for `request`:
/// - Content-Type from response.content_type (default `application/json; charset=utf-8`), Server,
/// Access-Control-Allow-Origin `*`;
/// - 405 gets `Allow: GET, HEAD, OPTIONS`;
/// - a cacheable 200 gets a strong ETag (FNV-1a of the identity body; "-gzip" suffixed when gzip'd)
/// and
///   becomes 304 without body when If-None-Match matches either representation's tag;
/// - bodies over gzip_min_bytes get `Vary: Accept-Encoding` and are gzip'd when the client accepts
/// gzip;
/// - HEAD keeps every header including the GET Content-Length but has no body;
/// - version and keep-alive follow the request (Connection: close / keep-alive as needed).
/// Pure and thread-safe: the transport calls it on the thread that invoked respond_fn. Throws only
/// bad_alloc.
wire_response finish_response(const api_request& request, api_response response,
                              const finish_options& options = {});

/// The 204 answer to an OPTIONS (CORS preflight) request: Allow,
/// Access-Control-Allow-Origin/-Methods/ -Headers/-Max-Age. Pure and thread-safe.
wire_response preflight_response(const api_request& request, const finish_options& options = {});

}  // namespace atelier::http
