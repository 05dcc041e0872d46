// The L1 cache: a small bounded LRU of recent outcomes inside one cache shard.
#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

#include "actors/messages.hpp"

namespace atelier {

/// Least-recently-used map from document key to the last good outcome (found or missing). Expired
/// entries are kept until evicted so they can be served stale when the database fails. Not
/// thread-safe: owned by one shard actor.
class cache_l1 {
 public:
  /// capacity 0 disables the cache (every lookup misses, put does nothing).
  explicit cache_l1(std::size_t capacity = 0) : capacity_(capacity) {}

  /// The entry stored less than `ttl` ago from data set `version`, or nullptr. Marks it recent.
  const document_outcome* fresh(const document_key& key, std::int64_t version,
                                deadline_clock::duration ttl, deadline_clock::time_point now);
  /// Any entry (any version) stored less than `window` ago, or nullptr: for stale-if-error.
  const document_outcome* stale(const document_key& key, deadline_clock::duration window,
                                deadline_clock::time_point now);
  /// Stores or replaces, evicting the least recently used entry beyond capacity.
  void put(const document_key& key, const document_outcome& outcome,
           deadline_clock::time_point now);
  std::size_t size() const { return index_.size(); }

 private:
  struct entry {
    document_key key;
    document_outcome outcome;
    deadline_clock::time_point stored_at;
  };
  using entry_list = std::list<entry>;
  entry* find(const document_key& key);

  std::size_t capacity_;
  entry_list recent_;  // front = most recently used
  std::unordered_map<document_key, entry_list::iterator, document_key_hash> index_;
};

}  // namespace atelier
