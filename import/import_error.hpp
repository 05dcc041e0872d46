// The importer's one exception type: a clear one-line message and the process exit code it maps to.
#pragma once

#include <stdexcept>
#include <string>

namespace atelier::import {

/// Exit codes of atelier-import.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed =
    1;  ///< database unreachable or the load failed; live set untouched
inline constexpr int exit_bad_input =
    2;  ///< a file is missing or its header is wrong; database untouched

/// Thrown by import/ functions instead of library exceptions; what() is one line for stderr.
class import_error : public std::runtime_error {
 public:
  import_error(const std::string& message, int exit_code = exit_failed)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace atelier::import
