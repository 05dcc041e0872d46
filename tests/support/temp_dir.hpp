// RAII temporary directory for tests: created under $TMPDIR, removed with everything in it; and
// reading back a file written there (logs, rejects).
#pragma once

#include <filesystem>
#include <string>

namespace atelier::testing {

/// Creates a fresh directory on construction and removes it recursively on destruction.
class temp_dir {
 public:
  explicit temp_dir(const std::string& prefix = "atelier-test");
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The whole file as bytes; "" when it cannot be opened (a log not written yet).
std::string read_file_text(const std::filesystem::path& path);

}  // namespace atelier::testing
