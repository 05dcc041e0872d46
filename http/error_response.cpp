// Maps service errors to HTTP statuses and JSON error bodies.
#include "http/error_response.hpp"

#include <nlohmann/json.hpp>

namespace atelier::http {

unsigned status_for(service_error error) noexcept {
  switch (error) {
    case service_error::bad_request:
      return 400;
    case service_error::not_found:
      return 404;
    case service_error::method_not_allowed:
      return 405;
    case service_error::overloaded:
      return 503;
    case service_error::deadline_exceeded:
      return 504;
    case service_error::database_unavailable:
      return 503;
    case service_error::cache_unavailable:
      return 503;
    case service_error::internal:
      return 500;
  }
  return 500;
}

api_response error_response(service_error error, std::string_view client_message) {
  api_response response;
  response.status = status_for(error);
  // replace invalid UTF-8 instead of throwing: messages may quote client input
  response.body = nlohmann::json{{"error", client_message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.cacheable = false;
  if (error == service_error::overloaded) {
    // admission control sheds load briefly; tell well-behaved clients when to come back
    response.headers.emplace_back("Retry-After", "1");
  }
  return response;
}

api_response error_response(const failure& error) {
  return error_response(error.code, error.client_message);
}

}  // namespace atelier::http
