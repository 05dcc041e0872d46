// Fixtures of the metrics suite: one Postgres and one generated data set per test binary, an
// in-process service on an ephemeral port, a small blocking HTTP client and exposition parsing.
#pragma once

#include <map>
#include <string>

#include "service/service_runtime.hpp"
#include "tests/support/child_process.hpp"

namespace atelier::testing {

/// One HTTP/1.1 exchange's result.
struct http_reply {
  unsigned status = 0;  ///< 0 when the request failed at the transport
  std::string content_type;
  std::string body;
};

/// GET http://127.0.0.1:port<target> on a fresh connection, giving up after a few seconds.
http_reply http_get(unsigned short port, const std::string& target);

/// The service of this test binary (a generated catalog of `metrics_products` products imported
/// into a fresh database), started on first use and stopped at exit. Tests must not stop it.
service_runtime& metrics_service();
inline constexpr int metrics_products = 300;
/// The database the service of this binary serves (for a second, differently configured service).
const std::string& metrics_database_url();

/// The value of the sample `name` whose labels are exactly `labels` in exposition `text`; 0 when
/// there is no such sample (a counter series that was never incremented does not exist yet).
double sample_value(const std::string& text, const std::string& name,
                    const std::map<std::string, std::string>& labels = {});

/// Whether `program` is on PATH; if not, tries `apt-get install -y package` once (quietly).
bool ensure_installed(const std::string& program, const std::string& package);

}  // namespace atelier::testing
