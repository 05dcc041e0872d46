// LRU bookkeeping of the L1 cache.
#include "actors/cache_l1.hpp"

namespace atelier {

cache_l1::entry* cache_l1::find(const document_key& key) {
  auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  recent_.splice(recent_.begin(), recent_, found->second);
  return &*found->second;
}

const document_outcome* cache_l1::fresh(const document_key& key, std::int64_t version,
                                        deadline_clock::duration ttl,
                                        deadline_clock::time_point now) {
  auto* cached = find(key);
  if (cached == nullptr || cached->outcome.dataset_version != version) return nullptr;
  if (now - cached->stored_at >= ttl) return nullptr;
  return &cached->outcome;
}

const document_outcome* cache_l1::stale(const document_key& key, deadline_clock::duration window,
                                        deadline_clock::time_point now) {
  auto* cached = find(key);
  if (cached == nullptr || now - cached->stored_at >= window) return nullptr;
  return &cached->outcome;
}

void cache_l1::put(const document_key& key, const document_outcome& outcome,
                   deadline_clock::time_point now) {
  if (capacity_ == 0) return;
  if (auto* cached = find(key)) {
    cached->outcome = outcome;
    cached->stored_at = now;
    return;
  }
  recent_.push_front(entry{key, outcome, now});
  index_.emplace(key, recent_.begin());
  if (index_.size() > capacity_) {
    index_.erase(recent_.back().key);
    recent_.pop_back();
  }
}

}  // namespace atelier
