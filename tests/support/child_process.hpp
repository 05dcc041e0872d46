// A child process owned by a test fixture: started with fork/exec, killed and reaped on
// destruction.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace atelier::testing {

/// Runs argv[0] (searched in PATH) with argv; stdout/stderr go to log_file when given.
class child_process {
 public:
  /// When run_as is non-empty and we are root, the child drops to that user (Postgres refuses
  /// root).
  child_process(std::vector<std::string> argv, const std::string& log_file = "",
                const std::string& run_as = "");
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  /// Sends a signal (SIGKILL, SIGSTOP, SIGCONT, SIGTERM...) without reaping.
  void signal(int signal_number);
  /// Sends SIGTERM, waits up to timeout_ms, then SIGKILL; returns the exit status (or -signal).
  int stop(int timeout_ms = 5000);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

/// Runs a command to completion and returns its exit code; output appended to log_file if given.
int run_command(const std::vector<std::string>& argv, const std::string& log_file = "",
                const std::string& run_as = "");

/// Gives the directory tree to user when we are root, so a child run as that user can write it.
void give_to_user(const std::string& path, const std::string& user);

/// Exit status and combined stdout/stderr of a shell command.
struct command_result {
  int exit_code = -1;
  std::string output;
};

/// Runs `command` through /bin/sh and captures its output (for tools like promtool and chromium).
command_result run_shell(const std::string& command);

/// Returns a TCP port on 127.0.0.1 that was free a moment ago (bind to port 0, read it, close).
int free_port();

/// Polls every `poll` until something accepts TCP connections on 127.0.0.1:port, or timeout;
/// returns success.
bool wait_for_port(int port, int timeout_ms,
                   std::chrono::microseconds poll = std::chrono::milliseconds(20));

}  // namespace atelier::testing
