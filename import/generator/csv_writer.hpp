// A buffered RFC 4180 CSV file writer: `,` separator, `\n` line endings, text fields quoted.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace atelier::generator {

/// Writes one CSV file through a large in-memory buffer (one fwrite per few MiB, no iostreams).
/// Fields are appended left to right; end_row() terminates the row. Not thread-safe: one writer
/// per thread. Failures to open, write or close throw std::runtime_error naming the path.
class csv_writer {
 public:
  /// Creates (truncates) `path` and writes `header` plus `\n` as the first line.
  csv_writer(const std::filesystem::path& path, std::string_view header);
  ~csv_writer();
  csv_writer(const csv_writer&) = delete;
  csv_writer& operator=(const csv_writer&) = delete;

  /// Appends an unsigned integer field, e.g. `140`.
  void integer(std::uint64_t value);
  /// Appends a signed integer field, e.g. `-3`.
  void signed_integer(std::int64_t value);
  /// Appends a price given in cents: `140`, `99.5` or `12.99` (trailing zero decimals dropped).
  void price(std::uint64_t cents);
  /// Appends a text field in double quotes, doubling any `"` inside it.
  void quoted(std::string_view text);
  /// Appends bytes exactly as given (bare `null`, or a deliberately malformed fragment).
  void raw(std::string_view text);
  /// Terminates the current row with `\n` and counts it.
  void end_row();
  /// Flushes and closes the file; throws if any write failed. Idempotent.
  void finish();

  /// Data rows written so far (the header is not counted).
  std::uint64_t rows() const { return rows_; }

 private:
  void separate();
  void flush_buffer();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::uint64_t rows_ = 0;
  bool row_started_ = false;
};

}  // namespace atelier::generator
