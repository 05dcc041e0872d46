// The fault suite's result table: every scenario records one row (requests, errors, p99, verdict);
// the table is printed, and written to fault-table.md, after the last scenario.
#pragma once

#include <cstdint>
#include <string>

namespace atelier::testing {

/// One scenario's outcome, as the README's fault table shows it.
struct fault_row {
  std::string scenario;  ///< e.g. "postgres stopped: cached ids"
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;  ///< answers the scenario counts as wrong (its own definition, in note)
  double p99_ms = 0;
  bool passed = false;
  std::string note;  ///< the bound that was checked, e.g. "errors < 0.1%, p99 <= 1000 ms"
};

/// Adds a row to this run's table (scenarios run one after another in one process).
void record_fault_row(fault_row row);

}  // namespace atelier::testing
