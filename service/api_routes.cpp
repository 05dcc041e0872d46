// Route logic of the four Atelier routes and the health endpoints.
#include "service/api_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/request_target.hpp"
#include "metrics/dashboard_assets.hpp"

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

metrics::api_route metrics_route_of(const http::target_result& parsed) {
  const auto* route = std::get_if<http::route>(&parsed);
  if (route == nullptr) return metrics::api_route::other;
  switch (route->kind) {
    case http::route_kind::products_list:
      return metrics::api_route::products_list;
    case http::route_kind::product:
      return metrics::api_route::product;
    case http::route_kind::product_styles:
      return metrics::api_route::styles;
    case http::route_kind::product_related:
      return metrics::api_route::related;
    default:
      return metrics::api_route::other;
  }
}

/// Wraps respond so the answer is counted (route, status, latency since arrival) before it leaves.
http::respond_fn counted(http::respond_fn respond, metrics::route_metrics& routes,
                         metrics::api_route route) {
  auto arrived = std::chrono::steady_clock::now();
  return [respond = std::move(respond), &routes, route, arrived](http::api_response response) {
    routes.observe(route, response.status, std::chrono::steady_clock::now() - arrived);
    respond(std::move(response));
  };
}

http::api_response text_response(std::string_view content_type, std::string body) {
  http::api_response response;
  response.body = std::move(body);
  response.content_type = std::string(content_type);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

api_routes::api_routes(std::vector<ingress_actor> ingresses,
                       std::chrono::milliseconds request_timeout, metrics::service_metrics& metrics,
                       std::size_t memcached_nodes)
    : ingresses_(std::move(ingresses)),
      request_timeout_(request_timeout),
      metrics_(metrics),
      memcached_nodes_(memcached_nodes) {}

void api_routes::handle(http::api_request request, http::respond_fn respond) {
  auto parsed = http::parse_target(request.target);
  respond = counted(std::move(respond), metrics_.routes(), metrics_route_of(parsed));
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
    case http::route_kind::dashboard_asset:
      return answer_local(route, std::move(respond));
    default:
      return ask_document(key_for(route), std::move(respond));
  }
}

// /metrics and the dashboard are answered on the I/O thread: a scrape only reads atomics and
// /proc, and the assets are static.
void api_routes::answer_local(const http::route& route, http::respond_fn respond) {
  if (route.kind == http::route_kind::metrics)
    return respond(text_response(metrics::exposition_content_type, metrics_.scrape()));
  auto asset = metrics::find_dashboard_asset(
      route.kind == http::route_kind::dashboard ? std::string_view{} : route.asset);
  if (!asset) return respond(http::error_response(service_error::not_found, "no such asset"));
  return respond(text_response(asset->content_type, std::string(asset->body)));
}

const ingress_actor& api_routes::next_ingress() {
  return ingresses_[next_ingress_.fetch_add(1, std::memory_order_relaxed) % ingresses_.size()];
}

void api_routes::ask_document(const document_key& key, http::respond_fn respond) {
  document_request request{key, deadline_clock::now() + request_timeout_};
  auto reply = [key, respond, failures = failures_](document_outcome outcome) {
    if (outcome.state == document_outcome::status::failed)
      failures->record(outcome.error, key, outcome.log_detail);
    respond(response_for(key, std::move(outcome)));
  };
  caf::anon_send(next_ingress(), ingress_request{request, std::move(reply)});
}

void api_routes::ask_readiness(http::respond_fn respond) {
  // The ring is optional: a node whose cache is down still serves from Postgres, so only Postgres
  // and the data set decide readiness; the ring's configuration is reported alongside.
  auto ring = memcached_nodes_ == 0 ? nlohmann::json("off")
                                    : nlohmann::json{{"configured_nodes", memcached_nodes_}};
  caf::anon_send(next_ingress(), readiness_request{[respond, ring](document_outcome outcome) {
                   bool ready = outcome.state == document_outcome::status::found;
                   nlohmann::json body{{"ready", ready}};
                   body["postgres"] = ready ? "ok" : outcome.client_message;
                   body["memcached_ring"] = ring;
                   if (ready) body["dataset_version"] = outcome.dataset_version;
                   respond(json_response(ready ? 200 : 503, body));
                 }});
}

}  // namespace atelier
