// RAII temporary directory for tests: created under $TMPDIR, removed with everything in it.
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

}  // namespace atelier::testing
