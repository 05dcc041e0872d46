// Progress output on stderr: an updating line per file on a terminal, plain lines per phase
// otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace atelier::import {

/// Reports the load of one file (rows, rows/s, ETA from bytes consumed against the file size).
/// On a terminal it redraws one line at most every redraw_interval; otherwise it prints nothing
/// until done(). Not thread-safe; call from the parsing thread.
class progress_meter {
 public:
  static constexpr std::chrono::milliseconds redraw_interval{250};

  progress_meter(std::FILE* out, bool interactive, std::string_view file_name,
                 std::uint64_t file_bytes);

  /// Cheap enough to call for every row: looks at the clock only every few thousand calls.
  void update(std::uint64_t rows, std::uint64_t bytes_consumed) {
    if (interactive_ && (++calls_ & 0x3FFF) == 0) redraw(rows, bytes_consumed);
  }

  /// Prints the final line for the file.
  void done(std::uint64_t rows, std::uint64_t rejected);

 private:
  void redraw(std::uint64_t rows, std::uint64_t bytes_consumed);

  std::FILE* out_;
  bool interactive_;
  std::string file_name_;
  std::uint64_t file_bytes_;
  std::uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_redraw_;
};

/// Seconds since `since`, as a double.
double seconds_since(std::chrono::steady_clock::time_point since);

}  // namespace atelier::import
