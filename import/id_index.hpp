// A map from loaded row ids to their dense position (0, 1, 2, ... in load order).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace atelier::import {

/// Looks up the load position of an id, for grouping child rows by parent. Ids up to a bound
/// proportional to the number of ids go to a direct table (4 bytes per possible id; the real
/// files' ids are dense from 1); larger, rarer ids go to a hash map, so one stray 2147483647
/// cannot make the table allocate 8 GiB. Built once, read-only afterwards.
class id_index {
 public:
  static constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();

  /// Indexes `ids` (unique, in load order): position(ids[k]) == k.
  explicit id_index(const std::vector<std::int32_t>& ids) {
    const std::int64_t direct_limit = static_cast<std::int64_t>(ids.size()) * 4 + 1024;
    std::int32_t direct_max = 0;
    for (std::int32_t id : ids)
      if (id < direct_limit) direct_max = std::max(direct_max, id);
    direct_.assign(static_cast<std::size_t>(direct_max) + 1, absent);
    for (std::size_t k = 0; k < ids.size(); ++k) {
      if (ids[k] < direct_limit)
        direct_[static_cast<std::size_t>(ids[k])] = static_cast<std::uint32_t>(k);
      else
        sparse_.emplace(ids[k], static_cast<std::uint32_t>(k));
    }
  }

  /// The load position of id, or `absent`.
  std::uint32_t position(std::int32_t id) const {
    if (id >= 0 && static_cast<std::size_t>(id) < direct_.size()) return direct_[id];
    const auto found = sparse_.find(id);
    return found == sparse_.end() ? absent : found->second;
  }

 private:
  std::vector<std::uint32_t> direct_;
  std::unordered_map<std::int32_t, std::uint32_t> sparse_;
};

}  // namespace atelier::import
