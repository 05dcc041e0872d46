// libFuzzer target: http::parse_target on arbitrary request-targets, checking the route contract
// (bounds, canonical re-serialisation round trip) and the error response a failure turns into.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/error_response.hpp"
#include "http/request_target.hpp"

namespace {

using atelier::failure;
using atelier::service_error;
using namespace atelier::http;

/// Fails the run with the input reported by libFuzzer (abort is a crash to it).
void check(bool holds, const char* what, std::string_view target) {
  if (holds) return;
  std::fprintf(stderr, "invariant broken: %s\ntarget: %.*s\n", what,
               static_cast<int>(target.size()), target.data());
  std::abort();
}

bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

/// The canonical target for a parsed route; parsing it must give the same route back.
std::string canonical_target(const route& parsed) {
  const std::string id = std::to_string(parsed.product_id);
  switch (parsed.kind) {
    case route_kind::products_list:
      return "/products?page=" + std::to_string(parsed.page) +
             "&count=" + std::to_string(parsed.count);
    case route_kind::product:
      return "/products/" + id;
    case route_kind::product_styles:
      return "/products/" + id + "/styles";
    case route_kind::product_related:
      return "/products/" + id + "/related";
    case route_kind::healthz:
      return "/healthz";
    case route_kind::readyz:
      return "/readyz";
    case route_kind::metrics:
      return "/metrics";
    case route_kind::dashboard:
      return "/dashboard";
    case route_kind::dashboard_asset:
      return "/dashboard/" + std::string(parsed.asset);
  }
  return "";
}

bool same_route(const route& a, const route& b) {
  return a.kind == b.kind && a.product_id == b.product_id && a.page == b.page &&
         a.count == b.count && a.asset == b.asset;
}

bool is_product_kind(route_kind kind) {
  return kind == route_kind::product || kind == route_kind::product_styles ||
         kind == route_kind::product_related;
}

void check_route(const route& parsed, std::string_view target) {
  check(parsed.page >= 1 && parsed.page <= max_id, "page in 1..2^31-1", target);
  check(parsed.count >= 1 && parsed.count <= max_count, "count in 1..1000", target);
  if (is_product_kind(parsed.kind)) {
    check(parsed.product_id >= 1 && parsed.product_id <= max_id, "product_id in 1..2^31-1", target);
    // The id segment is plain digits whose value is the id (leading zeros allowed).
    std::string_view path = target.substr(0, target.find('?'));
    path.remove_prefix(std::string_view("/products/").size());
    std::string_view id_text = path.substr(0, path.find('/'));
    check(is_digits(id_text), "the id segment is digits only", target);
    while (id_text.size() > 1 && id_text.front() == '0') id_text.remove_prefix(1);
    check(id_text == std::to_string(parsed.product_id), "id segment == product_id", target);
  } else {
    check(parsed.product_id == 0, "product_id only set on product routes", target);
  }
  if (parsed.kind == route_kind::dashboard_asset) {
    check(!parsed.asset.empty() && parsed.asset.find('/') == std::string_view::npos,
          "asset is one non-empty segment", target);
    check(parsed.asset.data() >= target.data() &&
              parsed.asset.data() + parsed.asset.size() <= target.data() + target.size(),
          "asset views the target", target);
  } else {
    check(parsed.asset.empty(), "asset only set on dashboard_asset", target);
  }
  const std::string canonical = canonical_target(parsed);
  const auto reparsed = parse_target(canonical);
  const auto* again = std::get_if<route>(&reparsed);
  check(again != nullptr && same_route(*again, parsed), "canonical target round-trips", target);
}

void check_failure(const failure& failed, std::string_view target) {
  check(failed.code == service_error::bad_request || failed.code == service_error::not_found,
        "only bad_request or not_found", target);
  check(!failed.client_message.empty(), "failure has a client message", target);
  // What the route logic answers with: the status and a JSON body carrying the message.
  const api_response response = error_response(failed);
  check(response.status == (failed.code == service_error::bad_request ? 400u : 404u),
        "400 for bad_request, 404 for not_found", target);
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  check(!body.is_discarded() && body.is_object() && body.contains("error") &&
            body["error"].get<std::string>() == failed.client_message,
        "error body is {\"error\": client_message}", target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A copy in its own allocation, so ASan sees any read past the target's end.
  const std::string owned(reinterpret_cast<const char*>(data), size);
  const std::string_view target(owned);
  const target_result result = parse_target(target);
  if (const auto* parsed = std::get_if<route>(&result)) {
    check_route(*parsed, target);
  } else {
    check_failure(std::get<failure>(result), target);
  }
  const target_result again = parse_target(target);
  check(result.index() == again.index(), "parsing is deterministic", target);
  return 0;
}
