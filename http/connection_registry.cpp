// Tracks a server's open sessions under a mutex.
#include "http/connection_registry.hpp"

#include <vector>

#include "http/session.hpp"

namespace atelier::http {
namespace {

std::vector<std::shared_ptr<session>> snapshot(
    std::mutex& mutex,
    const std::unordered_map<std::uint64_t, std::shared_ptr<session>>& sessions) {
  std::lock_guard lock(mutex);
  std::vector<std::shared_ptr<session>> open_sessions;
  open_sessions.reserve(sessions.size());
  for (const auto& entry : sessions) open_sessions.push_back(entry.second);
  return open_sessions;
}

}  // namespace

std::uint64_t connection_registry::add(std::shared_ptr<session> open_session) {
  std::lock_guard lock(mutex_);
  std::uint64_t id = next_id_++;
  sessions_.emplace(id, std::move(open_session));
  return id;
}

void connection_registry::remove(std::uint64_t id) {
  std::shared_ptr<session> removed;  // released outside the lock: its destructor may be heavy
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(id);
  if (found == sessions_.end()) return;
  removed = std::move(found->second);
  sessions_.erase(found);
}

std::size_t connection_registry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

// sessions are called outside the lock: drain/close post onto strands that may call remove()
void connection_registry::drain_all() {
  draining_ = true;
  for (auto& open_session : snapshot(mutex_, sessions_)) open_session->drain();
}

void connection_registry::close_all() {
  for (auto& open_session : snapshot(mutex_, sessions_)) open_session->close();
}

void connection_registry::clear() {
  std::unordered_map<std::uint64_t, std::shared_ptr<session>> released;
  {
    std::lock_guard lock(mutex_);
    released.swap(sessions_);
  }
}

}  // namespace atelier::http
