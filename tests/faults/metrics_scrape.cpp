// Parses just enough of the Prometheus text format to sum one series' samples.
#include "tests/faults/metrics_scrape.hpp"

#include <sstream>

#include "tests/support/http_client.hpp"

namespace atelier::testing {

std::optional<double> metric_value(unsigned short port, const std::string& name,
                                   const std::string& label_fragment) {
  auto page = fetch(port, "/metrics");
  if (!page || page->result_int() != 200) return std::nullopt;
  std::istringstream lines(page->body());
  std::string line;
  std::optional<double> total;
  while (std::getline(lines, line)) {
    if (line.rfind(name, 0) != 0 || line.size() <= name.size()) continue;
    const char next = line[name.size()];
    if (next != '{' && next != ' ') continue;  // another series sharing the prefix
    auto value_at = line.rfind(' ');
    if (line.find(label_fragment) == std::string::npos || value_at == std::string::npos) continue;
    total = total.value_or(0) + std::stod(line.substr(value_at + 1));
  }
  return total;
}

}  // namespace atelier::testing
