// The rejects file: one CSV line per rejected source row (file, line, reason, raw row).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace atelier::import {

/// Writes `file,line,reason,raw` lines (raw quoted, `"` doubled) after a header line, buffered.
/// Throws import_error when the file cannot be created or written. Not thread-safe.
class rejects_file {
 public:
  /// Creates (truncates) path and writes the header line.
  explicit rejects_file(const std::filesystem::path& path);
  ~rejects_file();
  rejects_file(const rejects_file&) = delete;
  rejects_file& operator=(const rejects_file&) = delete;

  /// Records one rejected row; line is its 1-based physical line number in file_name.
  void add(std::string_view file_name, std::uint64_t line, std::string_view reason,
           std::string_view raw);

  /// Flushes and closes; throws import_error if any write failed. Idempotent.
  void close();

  std::uint64_t count() const { return count_; }

 private:
  void flush();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::uint64_t count_ = 0;
};

}  // namespace atelier::import
