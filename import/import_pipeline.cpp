// The import orchestration.
#include "import/import_pipeline.hpp"

#include <chrono>
#include <ctime>
#include <exception>
#include <fstream>
#include <memory>
#include <thread>

#include "import/copy_writer.hpp"
#include "import/csv_reader.hpp"
#include "import/document_builder.hpp"
#include "import/document_writer.hpp"
#include "import/import_error.hpp"
#include "import/progress_meter.hpp"
#include "import/rejects_file.hpp"
#include "import/row_rules.hpp"
#include "import/staging_swap.hpp"
#include "sql/embedded_sql.hpp"

namespace atelier::import {
namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

// A header line longer than this is certainly wrong; stop reading there.
constexpr std::size_t max_header_bytes = 4096;

// product_document is analyzed by write_documents() on its own connection.
constexpr std::string_view analyze_sql = "ANALYZE product, feature, style, photo, sku, related";

struct file_closer {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The first line of path without BOM and line ending (at most max_header_bytes).
std::string read_header(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  char c = 0;
  while (line.size() < max_header_bytes && in.get(c) && c != '\n') line.push_back(c);
  if (line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The import's start time as the JSON documents show it: 2021-08-13T14:37:33.145Z.
std::string iso_timestamp_now() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis % 1000));
  return text;
}

// Streams one file through the row rules into its staging table and the document builder.
file_counts load_file(source_file file, const import_options& options, copy_connection& connection,
                      loaded_ids& ids, rejects_file& rejects, document_builder& documents,
                      std::FILE* progress_out) {
  const file_layout& layout = layout_of(file);
  const fs::path path = options.data_dir / std::string(layout.file_name);
  std::unique_ptr<std::FILE, file_closer> input(std::fopen(path.c_str(), "rb"));
  if (!input) throw import_error(std::string(layout.file_name) + ": cannot open " + path.string());
  std::error_code size_error;
  progress_meter meter(progress_out, options.interactive_progress, layout.file_name,
                       fs::file_size(path, size_error));
  csv_reader reader(input.get());
  csv_record record;
  reader.next(record);  // the header, checked by check_source_files
  copy_stream stream(connection, layout.table, layout.columns);
  file_counts counts;
  const std::uint64_t rejected_before = rejects.count();
  while (reader.next(record)) {
    const std::string_view reason = record.status != csv_status::ok
                                        ? to_reason(record.status)
                                        : check_row(file, record.fields, ids, stream.buffer());
    if (reason.empty()) {
      ++counts.loaded;
      documents.add_row(file, record.fields);
    } else {
      rejects.add(layout.file_name, record.line, reason, record.raw);
    }
    stream.flush_if_full();
    meter.update(counts.loaded, reader.bytes_consumed());
  }
  counts.rejected = rejects.count() - rejected_before;
  documents.end_file(file);
  const std::uint64_t stored = stream.finish();
  meter.done(counts.loaded, counts.rejected);
  if (stored != counts.loaded)
    throw import_error(std::string(layout.file_name) + ": Postgres stored " +
                       std::to_string(stored) + " rows, expected " + std::to_string(counts.loaded));
  return counts;
}

// Writes product_document on its own connection and thread (the second core), from when every row
// has been read until join(); the first failure is kept for join() to throw.
class documents_writer {
 public:
  documents_writer(const import_options& options, const document_builder& documents)
      : options_(options), documents_(documents) {}
  documents_writer(const documents_writer&) = delete;
  documents_writer& operator=(const documents_writer&) = delete;
  ~documents_writer() {
    if (thread_.joinable()) thread_.join();
  }

  void start() {
    thread_ = std::thread([this] {
      try {
        const auto started = clock_type::now();
        write_documents(options_.database_url, documents_);
        seconds_ = seconds_since(started);
      } catch (const std::exception& error) {
        failure_ = std::make_exception_ptr(import_error(std::string("documents: ") + error.what()));
      }
    });
  }

  /// Waits for the writer; returns its duration or throws its failure.
  double join() {
    if (thread_.joinable()) thread_.join();
    if (failure_) std::rethrow_exception(failure_);
    return seconds_;
  }

 private:
  const import_options& options_;
  const document_builder& documents_;
  std::thread thread_;
  std::exception_ptr failure_;
  double seconds_ = 0;
};

// Loads all six files into a fresh staging schema in one transaction (so COPY FREEZE applies). The
// documents need only the rows, not their commit: the writer starts before the COMMIT, which
// flushes the six new tables to disk for several seconds.
void load_staging(const import_options& options, document_builder& documents,
                  documents_writer& writer, import_summary& summary, std::FILE* progress_out) {
  copy_connection connection(options.database_url);
  connection.exec(load_session_settings);
  connection.exec(staging_schema_sql());
  connection.exec("BEGIN");
  connection.exec(staging_tables_sql());
  rejects_file rejects(options.rejects_path);
  loaded_ids ids;
  for (source_file file : all_source_files)
    summary.files[static_cast<std::size_t>(file)] =
        load_file(file, options, connection, ids, rejects, documents, progress_out);
  rejects.close();
  writer.start();
  connection.exec("COMMIT");
}

std::string row_counts_json(const import_summary& summary) {
  std::string json = "{";
  for (source_file file : all_source_files) {
    if (json.size() > 1) json.push_back(',');
    json.append("\"").append(layout_of(file).table).append("\":");
    json.append(std::to_string(summary.files[static_cast<std::size_t>(file)].loaded));
  }
  json.push_back('}');
  return json;
}

void print_phase(std::FILE* out, std::string_view phase, double seconds) {
  std::fprintf(out, "%-13s %7.1fs\n", std::string(phase).c_str(), seconds);
  std::fflush(out);
}

// Runs one post-load phase and returns its duration.
double timed_phase(staging_area& staging, std::string_view phase, std::string_view sql,
                   std::FILE* out) {
  const auto started = clock_type::now();
  staging.run_phase(phase, sql);
  const double seconds = seconds_since(started);
  print_phase(out, phase, seconds);
  return seconds;
}

// Builds keys and indexes and analyzes the six tables on the control connection while the writer
// (started by the load) writes the documents; returns when both are done, throwing the first
// failure (the writer is joined either way).
void keys_beside_documents(staging_area& staging, documents_writer& writer, import_summary& summary,
                           std::FILE* progress_out) {
  summary.keys_seconds =
      timed_phase(staging, "keys/indexes", sql::dataset_02_keys_indexes, progress_out);
  summary.analyze_seconds = timed_phase(staging, "analyze", analyze_sql, progress_out);
  summary.documents_seconds = writer.join();
  print_phase(progress_out, "documents", summary.documents_seconds);
}

}  // namespace

std::uint64_t import_summary::rows_loaded() const {
  std::uint64_t total = 0;
  for (const auto& counts : files) total += counts.loaded;
  return total;
}

std::uint64_t import_summary::rows_rejected() const {
  std::uint64_t total = 0;
  for (const auto& counts : files) total += counts.rejected;
  return total;
}

void check_source_files(const fs::path& data_dir) {
  for (source_file file : all_source_files) {
    const file_layout& layout = layout_of(file);
    const fs::path path = data_dir / std::string(layout.file_name);
    std::error_code error;
    if (!fs::is_regular_file(path, error))
      throw import_error(std::string(layout.file_name) + ": not found in " + data_dir.string(),
                         exit_bad_input);
    const std::string header = read_header(path);
    if (header != layout.header)
      throw import_error(std::string(layout.file_name) + ": header is \"" + header +
                             "\" but expected \"" + std::string(layout.header) + "\"",
                         exit_bad_input);
  }
}

import_summary run_import(const import_options& options, std::FILE* progress_out) {
  const auto started = clock_type::now();
  check_source_files(options.data_dir);
  import_summary summary;
  staging_area staging(options.database_url);
  document_builder documents(iso_timestamp_now(), options.data_dir);
  {
    // Declared after staging: on failure the writer is joined before staging is dropped.
    documents_writer writer(options, documents);
    load_staging(options, documents, writer, summary, progress_out);
    summary.load_seconds = seconds_since(started);
    keys_beside_documents(staging, writer, summary, progress_out);
  }
  documents.clear();
  const auto swap_started = clock_type::now();
  summary.dataset_version =
      staging.swap_in(options.data_dir.string(), row_counts_json(summary), summary.rows_rejected());
  summary.swap_seconds = seconds_since(swap_started);
  const auto drop_started = clock_type::now();
  summary.retired_dropped = staging.drop_retired();
  summary.drop_seconds = seconds_since(drop_started);
  summary.total_seconds = seconds_since(started);
  return summary;
}

void print_summary(std::FILE* out, const import_summary& summary) {
  std::fprintf(out, "%-13s %12s %10s\n", "file", "loaded", "rejected");
  for (source_file file : all_source_files) {
    const auto& counts = summary.files[static_cast<std::size_t>(file)];
    std::fprintf(out, "%-13s %12llu %10llu\n", std::string(layout_of(file).file_name).c_str(),
                 static_cast<unsigned long long>(counts.loaded),
                 static_cast<unsigned long long>(counts.rejected));
  }
  std::fprintf(
      out,
      "phases: load %.1fs, keys/indexes %.1fs, analyze %.1fs, documents %.1fs (beside keys/indexes "
      "and analyze), swap %.2fs, old set dropped %.1fs%s\n"
      "total %.1fs, %llu rows loaded, %llu rejected, %.0f rows/s; data set version %lld\n",
      summary.load_seconds, summary.keys_seconds, summary.analyze_seconds,
      summary.documents_seconds, summary.swap_seconds, summary.drop_seconds,
      summary.retired_dropped ? "" : " (FAILED: the next import drops it)", summary.total_seconds,
      static_cast<unsigned long long>(summary.rows_loaded()),
      static_cast<unsigned long long>(summary.rows_rejected()),
      summary.total_seconds > 0 ? summary.rows_loaded() / summary.total_seconds : 0.0,
      static_cast<long long>(summary.dataset_version));
}

}  // namespace atelier::import
