// Child processes, commands and ports for test fixtures.
#include "tests/support/child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace atelier::testing {
namespace {

void drop_to_user(const std::string& user) {
  if (user.empty() || geteuid() != 0) return;
  const passwd* entry = getpwnam(user.c_str());
  if (entry == nullptr) _exit(126);
  if (initgroups(entry->pw_name, entry->pw_gid) != 0 || setgid(entry->pw_gid) != 0 ||
      setuid(entry->pw_uid) != 0)
    _exit(126);
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& log_file,
            const std::string& run_as) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Own process group, so killing the fixture never signals the test runner.
    setpgid(0, 0);
    if (!log_file.empty()) {
      int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
    }
    drop_to_user(run_as);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

child_process::child_process(std::vector<std::string> argv, const std::string& log_file,
                             const std::string& run_as)
    : pid_(spawn(argv, log_file, run_as)) {}

child_process::~child_process() {
  if (!reaped_) stop(3000);
}

bool child_process::running() {
  if (reaped_) return false;
  int status = 0;
  pid_t result = waitpid(pid_, &status, WNOHANG);
  if (result == pid_) {
    reaped_ = true;
    status_ = status;
    return false;
  }
  return true;
}

void child_process::signal(int signal_number) {
  if (!reaped_) kill(pid_, signal_number);
}

int child_process::stop(int timeout_ms) {
  if (!reaped_) {
    kill(pid_, SIGCONT);  // a frozen child cannot handle SIGTERM
    kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (running() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status_, 0);
      reaped_ = true;
    }
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) return -WTERMSIG(status_);
  return -1;
}

int run_command(const std::vector<std::string>& argv, const std::string& log_file,
                const std::string& run_as) {
  pid_t pid = spawn(argv, log_file, run_as);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

command_result run_shell(const std::string& command) {
  command_result result;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char chunk[4096];
  while (std::size_t got = std::fread(chunk, 1, sizeof chunk, pipe))
    result.output.append(chunk, got);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void give_to_user(const std::string& path, const std::string& user) {
  if (geteuid() != 0) return;
  const passwd* entry = getpwnam(user.c_str());
  if (entry == nullptr) throw std::runtime_error("no such user: " + user);
  if (chown(path.c_str(), entry->pw_uid, entry->pw_gid) != 0)
    throw std::runtime_error("chown failed: " + path);
  for (const auto& item : std::filesystem::recursive_directory_iterator(path))
    if (chown(item.path().c_str(), entry->pw_uid, entry->pw_gid) != 0)
      throw std::runtime_error("chown failed: " + item.path().string());
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool wait_for_port(int port, int timeout_ms, std::chrono::microseconds poll) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    if (connected) return true;
    std::this_thread::sleep_for(poll);
  }
  return false;
}

}  // namespace atelier::testing
