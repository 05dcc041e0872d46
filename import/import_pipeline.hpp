// The import orchestration: check files, load staging, keys, documents, analyze, swap, summary.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "import/source_files.hpp"

namespace atelier::import {

/// What one atelier-import run was asked to do (import_main.cpp fills it from the command line).
struct import_options {
  std::filesystem::path data_dir;      ///< holds the six CSV files
  std::string database_url;            ///< libpq connection string or URI
  std::filesystem::path rejects_path;  ///< where rejected rows are written
  bool interactive_progress = false;   ///< redraw a progress line per file (stderr is a terminal)
};

/// Rows loaded and rejected for one file.
struct file_counts {
  std::uint64_t loaded = 0;
  std::uint64_t rejected = 0;
};

/// What a completed import did, for the summary and for tests.
struct import_summary {
  std::array<file_counts, source_file_count> files{};
  double load_seconds = 0;
  double keys_seconds = 0;
  double documents_seconds = 0;
  double analyze_seconds = 0;
  double swap_seconds = 0;      ///< what readers of the data set may wait for
  double drop_seconds = 0;      ///< dropping the retired set, after the swap committed
  bool retired_dropped = true;  ///< false: left for the next import's swap to drop
  double total_seconds = 0;
  std::int64_t dataset_version = 0;

  std::uint64_t rows_loaded() const;
  std::uint64_t rows_rejected() const;
};

/// Verifies that all six files exist and start with exactly their header line. Touches no
/// database. Throws import_error with exit_bad_input naming the first bad file.
void check_source_files(const std::filesystem::path& data_dir);

/// Runs the whole import; progress and phase lines go to `progress_out`. On any failure the
/// staging schema is dropped, the live set stays as it was, and import_error is thrown.
import_summary run_import(const import_options& options, std::FILE* progress_out);

/// Prints the end-of-run summary (per-file rows, phase times, rows/s, data set version).
void print_summary(std::FILE* out, const import_summary& summary);

}  // namespace atelier::import
