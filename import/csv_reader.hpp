// A streaming RFC 4180 CSV reader with bounded memory that reports malformed records instead of
// guessing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::import {

/// Why a physical line could not be split into fields.
enum class csv_status {
  ok,
  unterminated_quote,  ///< a quoted field is still open at the end of the line
  text_after_quote,    ///< something other than `,` follows a closing quote
  line_too_long,       ///< the line exceeds csv_reader::max_line_bytes; the rest is skipped
};

/// Reason text used in the rejects file for a non-ok status.
std::string_view to_reason(csv_status status);

/// One record: the fields of one physical line. Views stay valid until the next call to next().
struct csv_record {
  std::vector<std::string_view> fields;  ///< unquoted, `""` collapsed to `"`
  std::string_view raw;    ///< the physical line without its `\r\n` (truncated if too long)
  std::uint64_t line = 0;  ///< 1-based physical line number in the file
  csv_status status = csv_status::ok;
};

/// Reads records from a FILE* one physical line at a time. Fields never contain newlines in the
/// Atelier files, so a newline inside an open quote ends the record (unterminated_quote) rather
/// than swallowing the following lines. Strips a UTF-8 BOM at the start and a `\r` before each
/// `\n`. Empty lines are skipped. Memory is bounded by about 3 * max_line_bytes whatever the input.
/// Not thread-safe. Read errors throw std::runtime_error.
class csv_reader {
 public:
  /// Longest accepted physical line; longer lines are reported as line_too_long.
  static constexpr std::size_t max_line_bytes = 1 << 20;

  /// Reads from `file`, which the caller keeps open (and closes) for the reader's lifetime.
  explicit csv_reader(std::FILE* file);

  /// Fills `record` with the next non-empty line; returns false at end of input.
  bool next(csv_record& record);

  /// Bytes consumed from the file so far (for progress and ETA).
  std::uint64_t bytes_consumed() const { return consumed_; }

 private:
  bool fill();
  std::string_view take_line(bool& truncated);
  void split(std::string_view line, csv_record& record);

  std::FILE* file_;
  std::size_t buffer_size_;
  std::unique_ptr<char[]> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool at_start_ = true;
  bool skipping_ = false;  // discarding the rest of an over-long line
  std::uint64_t line_ = 0;
  std::uint64_t consumed_ = 0;
  std::string unquoted_;  // storage for fields that needed unquoting
  std::vector<std::pair<std::size_t, std::size_t>> spans_;  // (offset, length) into unquoted_
};

/// Splits one line (no newline) into fields; exposed for unit tests and fuzzing.
/// `storage` receives the field bytes, `spans` their (offset, length).
csv_status split_csv_line(std::string_view line, std::string& storage,
                          std::vector<std::pair<std::size_t, std::size_t>>& spans);

}  // namespace atelier::import
