// Pure parsing of a request-target ("/products/7/styles?x=1") into the route it names.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "storage/service_error.hpp"

namespace atelier::http {

/// Which endpoint a request-target names.
enum class route_kind {
  products_list,    ///< /products?page=&count=
  product,          ///< /products/:product_id
  product_styles,   ///< /products/:product_id/styles
  product_related,  ///< /products/:product_id/related
  healthz,          ///< /healthz
  readyz,           ///< /readyz
  metrics,          ///< /metrics
  dashboard,        ///< /dashboard
  dashboard_asset,  ///< /dashboard/:asset (the page's scripts and styles; see route::asset)
};

/// Bounds of the route parameters (the API contract's documented limits).
inline constexpr std::int64_t max_id = 2147483647;  // 2^31 - 1: ids, pages
inline constexpr std::int32_t default_page = 1;
inline constexpr std::int32_t default_count = 5;
inline constexpr std::int32_t max_count = 1000;  // larger counts are a 400, never clamped

/// A successfully parsed target. product_id is set (>= 1) only for the product routes; page and
/// count only matter for products_list and hold their defaults otherwise.
struct route {
  route_kind kind = route_kind::products_list;
  std::int32_t product_id = 0;
  std::int32_t page = default_page;
  std::int32_t count = default_count;
  std::string_view asset;  ///< dashboard_asset only: the file name, a view into the parsed target
};

/// Either the route or why the target is unusable (bad_request or not_found, with a client
/// message).
using target_result = std::variant<route, failure>;

/// Parses an origin-form request-target. Rules:
/// - `/dashboard/<name>` is dashboard_asset with asset = name for any non-empty name (the route
///   logic decides whether such an asset exists);
/// - the path is matched literally (not percent-decoded); one trailing '/' is tolerated; anything
/// else that
///   is not one of the routes above is not_found;
/// - ids, page and count are plain decimal digits (no sign, exponent, spaces or junk), ids and page
/// in
///   1..2^31-1, count in 1..1000; anything else is bad_request with a message naming the parameter;
/// - query keys and values are percent-decoded ('+' is a space); malformed escapes are bad_request;
/// - `page` or `count` given twice is bad_request (no silent "first wins"); unknown parameters are
/// ignored,
///   and query parameters of routes other than /products are ignored.
/// Thread-safe, never throws except std::bad_alloc, no undefined behaviour on any input (fuzzed).
target_result parse_target(std::string_view target);

}  // namespace atelier::http
