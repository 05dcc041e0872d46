// Collects the scenarios' rows and prints them as a Markdown table when the suite ends, so the
// figures can be read off a CI log and pasted into the README's fault table unchanged.
#include "tests/faults/fault_table.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <vector>

namespace atelier::testing {
namespace {

/// Owns the rows; gtest owns the environment, so the table lives exactly as long as the suite.
class fault_table_environment : public ::testing::Environment {
 public:
  void add(fault_row row) {
    std::lock_guard<std::mutex> lock(mutex_);
    rows_.push_back(std::move(row));
  }

  void TearDown() override {
    std::ostringstream table;
    table << "| scenario | requests | errors | p99 ms | result | bound |\n"
          << "|---|---:|---:|---:|---|---|\n";
    char p99[32];
    for (const auto& row : rows_) {
      std::snprintf(p99, sizeof p99, "%.1f", row.p99_ms);
      table << "| " << row.scenario << " | " << row.requests << " | " << row.errors << " | " << p99
            << " | " << (row.passed ? "pass" : "FAIL") << " | " << row.note << " |\n";
    }
    std::cout << "\nFault table\n" << table.str() << std::flush;
    std::ofstream(ATELIER_FAULT_TABLE_FILE) << table.str();
  }

 private:
  std::mutex mutex_;
  std::vector<fault_row> rows_;
};

fault_table_environment& environment() {
  static auto* const registered = static_cast<fault_table_environment*>(
      ::testing::AddGlobalTestEnvironment(new fault_table_environment));
  return *registered;
}

// Register before main runs, so TearDown prints even when no scenario recorded a row.
const auto& registered_at_start = environment();

}  // namespace

void record_fault_row(fault_row row) {
  environment().add(std::move(row));
}

}  // namespace atelier::testing
