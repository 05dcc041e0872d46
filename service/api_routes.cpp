// Route logic of the four Atelier routes and the health endpoints.
#include "service/api_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/request_target.hpp"

namespace atelier {
namespace {

document_key key_for(const http::route& route) {
  document_key key;
  key.product_id = route.product_id;
  key.page = route.page;
  key.count = route.count;
  switch (route.kind) {
    case http::route_kind::product:
      key.kind = document_kind::product;
      break;
    case http::route_kind::product_styles:
      key.kind = document_kind::styles;
      break;
    case http::route_kind::product_related:
      key.kind = document_kind::related;
      break;
    default:
      key.kind = document_kind::page;
      break;
  }
  return key;
}

http::api_response response_for(const document_key& key, document_outcome outcome) {
  switch (outcome.state) {
    case document_outcome::status::found: {
      http::api_response response;
      response.body = std::move(outcome.json);
      response.cacheable = true;
      return response;
    }
    case document_outcome::status::missing:
      return http::error_response(service_error::not_found,
                                  "product " + std::to_string(key.product_id) + " not found");
    case document_outcome::status::failed:
      break;
  }
  return http::error_response(outcome.error, outcome.client_message);
}

http::api_response json_response(unsigned status, const nlohmann::json& body) {
  http::api_response response;
  response.status = status;
  response.body = body.dump();
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

bool is_read(http::request_method method) {
  return method == http::request_method::get || method == http::request_method::head;
}

}  // namespace

api_routes::api_routes(std::vector<ingress_actor> ingresses,
                       std::chrono::milliseconds request_timeout)
    : ingresses_(std::move(ingresses)), request_timeout_(request_timeout) {}

void api_routes::handle(http::api_request request, http::respond_fn respond) {
  auto parsed = http::parse_target(request.target);
  if (auto* failed = std::get_if<failure>(&parsed)) return respond(http::error_response(*failed));
  const auto& route = std::get<http::route>(parsed);
  if (!is_read(request.method))
    return respond(http::error_response(service_error::method_not_allowed,
                                        "method " + request.method_name + " is not allowed"));
  switch (route.kind) {
    case http::route_kind::healthz: {
      auto uptime = std::chrono::steady_clock::now() - started_at_;
      return respond(json_response(
          200,
          {{"status", "ok"},
           {"uptime_seconds", std::chrono::duration_cast<std::chrono::seconds>(uptime).count()}}));
    }
    case http::route_kind::readyz:
      return ask_readiness(std::move(respond));
    case http::route_kind::metrics:
    case http::route_kind::dashboard:
      return respond(http::error_response(service_error::not_found, "not available yet"));
    default:
      return ask_document(key_for(route), std::move(respond));
  }
}

const ingress_actor& api_routes::next_ingress() {
  return ingresses_[next_ingress_.fetch_add(1, std::memory_order_relaxed) % ingresses_.size()];
}

void api_routes::ask_document(const document_key& key, http::respond_fn respond) {
  document_request request{key, deadline_clock::now() + request_timeout_};
  caf::anon_send(next_ingress(), ingress_request{request, [key, respond](document_outcome outcome) {
                                                   respond(response_for(key, std::move(outcome)));
                                                 }});
}

void api_routes::ask_readiness(http::respond_fn respond) {
  caf::anon_send(next_ingress(), readiness_request{[respond](document_outcome outcome) {
                   bool ready = outcome.state == document_outcome::status::found;
                   nlohmann::json body{{"ready", ready}};
                   body["postgres"] = ready ? "ok" : outcome.client_message;
                   if (ready) body["dataset_version"] = outcome.dataset_version;
                   respond(json_response(ready ? 200 : 503, body));
                 }});
}

}  // namespace atelier
