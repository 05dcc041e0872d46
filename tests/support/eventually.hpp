// Polling for a condition with a deadline: how tests wait for processes and caches without
// fixed sleeps.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace atelier::testing {

/// Polls condition every 20 ms until it holds (true) or timeout passes (false).
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  constexpr std::chrono::milliseconds poll_interval{20};
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(poll_interval);
  }
}

}  // namespace atelier::testing
