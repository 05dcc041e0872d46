// The service's one error enum: every layer converts its library's failures into these values.
#pragma once

#include <string>
#include <string_view>

namespace atelier {

/// What went wrong with a request, independent of the library that noticed it.
/// http/error_response.cpp maps each value to exactly one HTTP status.
enum class service_error {
  bad_request,           ///< malformed id, page or count; the client must change the request
  not_found,             ///< unknown product or route
  method_not_allowed,    ///< route exists, method does not
  overloaded,            ///< admission control shed the request; retry later
  deadline_exceeded,     ///< the request's deadline passed before an answer was ready
  database_unavailable,  ///< Postgres unreachable or the query failed for transport reasons
  cache_unavailable,     ///< memcached ring unusable (only surfaces when nothing else can answer)
  internal,              ///< a bug or an unexpected library failure
};

/// A failure with the client-facing message kept apart from the detail that goes to the log.
struct failure {
  service_error code;
  std::string client_message;  ///< safe to show to API consumers
  std::string log_detail;      ///< library message, SQL state, host names: logs only
};

/// Stable lower-case name of the error, used in JSON bodies, logs and metric labels.
std::string_view to_string(service_error error);

}  // namespace atelier
