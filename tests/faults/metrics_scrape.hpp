// Reads one figure off the service's /metrics page, so fault scenarios can check what the
// service says about itself (shed counters, a memcached node's operations) from outside.
#pragma once

#include <optional>
#include <string>

namespace atelier::testing {

/// Sum of the samples of series `name` whose label set contains `label_fragment` (e.g.
/// `reason="queue_wait"`; "" matches all). nullopt when /metrics does not answer or has none.
std::optional<double> metric_value(unsigned short port, const std::string& name,
                                   const std::string& label_fragment = "");

}  // namespace atelier::testing
