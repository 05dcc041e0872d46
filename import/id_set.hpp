// A set of positive 32-bit ids: a bit vector for the dense low range, a hash set above it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace atelier::import {

/// Remembers which ids were loaded, for duplicate and foreign-reference checks. Ids below
/// dense_limit cost one bit each (the real files' ids are dense from 1); rarer larger ids go to a
/// hash set so one stray id like 2147483647 cannot make the set allocate 256 MiB. Not thread-safe.
class id_set {
 public:
  /// Ids below this are stored in the bit vector (16 MiB at most).
  static constexpr std::int64_t dense_limit = std::int64_t{1} << 27;

  /// Adds id; returns false if it was already present.
  bool insert(std::int32_t id) {
    if (id < dense_limit) {
      const auto index = static_cast<std::size_t>(id);
      if (index >= bits_.size()) bits_.resize(std::max(index + 1, bits_.size() * 2));
      if (bits_[index]) return false;
      bits_[index] = true;
      ++size_;
      return true;
    }
    const bool added = sparse_.insert(id).second;
    size_ += added ? 1 : 0;
    return added;
  }

  /// True when id was inserted.
  bool contains(std::int32_t id) const {
    if (id < dense_limit) {
      const auto index = static_cast<std::size_t>(id);
      return index < bits_.size() && bits_[index];
    }
    return sparse_.count(id) != 0;
  }

  std::uint64_t size() const { return size_; }

 private:
  std::vector<bool> bits_;
  std::unordered_set<std::int32_t> sparse_;
  std::uint64_t size_ = 0;
};

}  // namespace atelier::import
