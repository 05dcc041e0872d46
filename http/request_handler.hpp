// The interface between the HTTP transport and the application: plain request/response values, no
// Beast types.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace atelier::http {

/// The request methods the service distinguishes; everything else is `other` (see method_name).
enum class request_method { get, head, options, other };

/// One parsed HTTP request as the application sees it. The body is never passed on: the API is
/// read-only and the transport rejects bodies above server_limits::max_body_bytes with 413.
struct api_request {
  request_method method = request_method::get;
  std::string method_name;  ///< the method as sent, e.g. "POST" (for logs and 405 bodies)
  std::string target;       ///< raw request-target, e.g. "/products?page=2&count=10" (not decoded)
  std::string if_none_match;  ///< If-None-Match header value, empty when absent
  bool accepts_gzip = false;  ///< Accept-Encoding allows gzip (q > 0)
  bool keep_alive = true;     ///< the client wants the connection kept open after this response
  unsigned version = 11;      ///< HTTP version: 10 or 11
};

/// The application's answer. The transport adds Content-Type, Content-Length, CORS, ETag, gzip,
/// Server, Connection and (for 405) Allow; `headers` are copied as given (e.g. Retry-After,
/// Cache-Control).
struct api_response {
  unsigned status = 200;
  std::string body;          ///< JSON text unless content_type says otherwise
  std::string content_type;  ///< empty: `application/json; charset=utf-8`
  std::vector<std::pair<std::string, std::string>> headers;
  bool cacheable = false;  ///< a 200 whose body is a pure function of the target: gets an ETag,
                           ///< honours If-None-Match
};

/// Completes one request. May be invoked from ANY thread, exactly once; calls after the first are
/// ignored. If every copy is destroyed without a call, the client receives 500 (so a lost request
/// cannot stall the connection's pipeline). Calling it after the server was destroyed is a harmless
/// no-op.
using respond_fn = std::function<void(api_response)>;

/// Implemented by the application (routes); called by the transport for every GET/HEAD/other
/// request. OPTIONS (CORS preflight) is answered by the transport itself and never reaches the
/// handler.
class request_handler {
 public:
  virtual ~request_handler() = default;
  /// Called on an I/O thread: must not block. Answer now or later, from any thread, through
  /// `respond`. HEAD should be answered like GET (the transport drops the body and keeps its
  /// Content-Length). Methods other than GET/HEAD on an existing route should be answered 405 (the
  /// transport adds Allow). An exception escaping handle() is turned into 500.
  virtual void handle(api_request request, respond_fn respond) = 0;
};

}  // namespace atelier::http
