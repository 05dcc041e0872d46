// The one mapping from the service error enum to an HTTP status and JSON error body.
#pragma once

#include <string_view>

#include "http/request_handler.hpp"
#include "storage/service_error.hpp"

namespace atelier::http {

/// The HTTP status for an error: bad_request 400, not_found 404, method_not_allowed 405, overloaded
/// 503, deadline_exceeded 504, database_unavailable 503, cache_unavailable 503, internal 500.
unsigned status_for(service_error error) noexcept;

/// A complete error response: the status above, body `{"error":"<client_message>"}` (JSON-escaped),
/// and `Retry-After: 1` for overloaded. Never cacheable. Thread-safe; throws only std::bad_alloc.
api_response error_response(service_error error, std::string_view client_message);

/// Same, from a failure; its log_detail is never sent to the client.
api_response error_response(const failure& error);

}  // namespace atelier::http
