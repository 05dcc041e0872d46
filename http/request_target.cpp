// Parses request-targets into routes without exceptions or undefined behaviour on hostile input.
#include "http/request_target.hpp"

#include <array>
#include <optional>
#include <string>

namespace atelier::http {
namespace {

failure bad_request(std::string message) {
  return failure{service_error::bad_request, std::move(message), {}};
}

failure not_found() {
  return failure{service_error::not_found, "no such route", {}};
}

/// Digits only, value in 1..max; nullopt for empty, signs, junk or overflow.
std::optional<std::int64_t> parse_bounded(std::string_view text, std::int64_t max) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > max) return std::nullopt;  // checked every digit, so value never overflows int64
  }
  if (value < 1) return std::nullopt;
  return value;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// application/x-www-form-urlencoded decoding; nullopt on a malformed %-escape.
std::optional<std::string> percent_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      decoded.push_back(' ');
    } else if (c != '%') {
      decoded.push_back(c);
    } else {
      if (text.size() - i < 3) return std::nullopt;  // i < size, so no underflow
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      decoded.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return decoded;
}

/// One of the two list parameters, filled at most once.
struct list_parameter {
  std::string_view name;
  std::int64_t max;
  std::optional<std::int32_t> value;
};

std::optional<failure> apply_parameter(list_parameter& parameter, std::string_view raw_value) {
  auto bound_message = [&] {
    return std::string(parameter.name) + " must be an integer from 1 to " +
           std::to_string(parameter.max);
  };
  if (parameter.value) return bad_request(std::string(parameter.name) + " given more than once");
  auto decoded = percent_decode(raw_value);
  if (!decoded) return bad_request("malformed percent-encoding in " + std::string(parameter.name));
  auto number = parse_bounded(*decoded, parameter.max);
  if (!number) return bad_request(bound_message());
  parameter.value = static_cast<std::int32_t>(*number);
  return std::nullopt;
}

/// Fills page and count from the query string of /products.
std::optional<failure> parse_list_query(std::string_view query, route& result) {
  list_parameter page{"page", max_id, std::nullopt};
  list_parameter count{"count", max_count, std::nullopt};
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view raw_key = pair.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    auto key = percent_decode(raw_key);
    if (!key) return bad_request("malformed percent-encoding in query parameter name");
    list_parameter* parameter = *key == "page" ? &page : *key == "count" ? &count : nullptr;
    if (parameter == nullptr) continue;  // unknown parameters are ignored
    if (auto error = apply_parameter(*parameter, raw_value)) return error;
  }
  result.page = page.value.value_or(default_page);
  result.count = count.value.value_or(default_count);
  return std::nullopt;
}

/// Splits "/a/b/c" into at most 4 segments; nullopt when there are more (no route is that deep).
std::optional<std::array<std::string_view, 4>> split_path(std::string_view path, std::size_t& n) {
  std::array<std::string_view, 4> segments{};
  n = 0;
  path.remove_prefix(1);  // the leading '/'
  while (true) {
    if (n == segments.size()) return std::nullopt;
    std::size_t slash = path.find('/');
    segments[n++] = path.substr(0, slash);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

target_result product_route(std::string_view id_text, std::string_view suffix, bool has_suffix) {
  route result;
  if (!has_suffix) {
    result.kind = route_kind::product;
  } else if (suffix == "styles") {
    result.kind = route_kind::product_styles;
  } else if (suffix == "related") {
    result.kind = route_kind::product_related;
  } else {
    return not_found();
  }
  auto id = parse_bounded(id_text, max_id);
  if (!id) return bad_request("product_id must be an integer from 1 to 2147483647");
  result.product_id = static_cast<std::int32_t>(*id);
  return result;
}

std::optional<route_kind> single_segment_route(std::string_view segment) {
  if (segment == "products") return route_kind::products_list;
  if (segment == "healthz") return route_kind::healthz;
  if (segment == "readyz") return route_kind::readyz;
  if (segment == "metrics") return route_kind::metrics;
  if (segment == "dashboard") return route_kind::dashboard;
  return std::nullopt;
}

}  // namespace

target_result parse_target(std::string_view target) {
  std::size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  std::string_view query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
  if (path.empty() || path.front() != '/') return not_found();
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);  // tolerate one trailing slash
  std::size_t n = 0;
  auto segments = split_path(path, n);
  if (!segments) return not_found();
  const auto& s = *segments;
  if (n == 1) {
    auto kind = single_segment_route(s[0]);
    if (!kind) return not_found();
    route result;
    result.kind = *kind;
    if (*kind == route_kind::products_list) {
      if (auto error = parse_list_query(query, result)) return *error;
    }
    return result;
  }
  if (n == 2 && s[0] == "dashboard" && !s[1].empty()) {
    route result;
    result.kind = route_kind::dashboard_asset;
    result.asset = s[1];
    return result;
  }
  if (s[0] != "products" || n > 3) return not_found();
  return product_route(s[1], n == 3 ? s[2] : std::string_view{}, n == 3);
}

}  // namespace atelier::http
