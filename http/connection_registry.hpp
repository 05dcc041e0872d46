// The set of open sessions of one server: counts them for the connection cap and reaches them on
// shutdown.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace atelier::http {

class session;

/// Owns a strong reference to every open session until it closes (so a session waiting for its
/// application answers stays alive while its respond_fn only holds a weak reference).
/// Thread-safe: sessions on any strand add and remove themselves; the server drains and closes
/// them.
class connection_registry {
 public:
  /// Registers an open session; returns the id it must pass to remove().
  std::uint64_t add(std::shared_ptr<session> open_session);
  /// Forgets a closed session; unknown ids are ignored.
  void remove(std::uint64_t id);
  /// Number of open sessions.
  std::size_t size() const;
  /// Whether drain_all() was called: sessions accepted afterwards close at once.
  bool draining() const { return draining_; }
  /// Asks every open session to finish its in-flight requests and close (session::drain).
  void drain_all();
  /// Closes every open session now (session::close).
  void close_all();
  /// Drops every reference without touching the sessions; used after the I/O threads stopped.
  void clear();

 private:
  std::atomic<bool> draining_{false};
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, std::shared_ptr<session>> sessions_;
};

}  // namespace atelier::http
