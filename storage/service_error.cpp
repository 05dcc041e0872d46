// Names of the service error enum values.
#include "storage/service_error.hpp"

namespace atelier {

std::string_view to_string(service_error error) {
  switch (error) {
    case service_error::bad_request:
      return "bad_request";
    case service_error::not_found:
      return "not_found";
    case service_error::method_not_allowed:
      return "method_not_allowed";
    case service_error::overloaded:
      return "overloaded";
    case service_error::deadline_exceeded:
      return "deadline_exceeded";
    case service_error::database_unavailable:
      return "database_unavailable";
    case service_error::cache_unavailable:
      return "cache_unavailable";
    case service_error::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace atelier
