// Grouping child fragments by parent: the sorted fast path and the counting-sort fallback.
#include "import/fragment_lists.hpp"

#include <algorithm>

namespace atelier::import {

fragment_lists::fragment_lists(std::size_t expected_bytes) {
  arena_.reserve(expected_bytes);
}

std::string& fragment_lists::begin_row(std::uint32_t parent, std::int32_t child_id) {
  if (!rows_.empty() && sorted_) {
    const row_entry& last = rows_.back();
    sorted_ = parent > last.parent || (parent == last.parent && child_id > last.child_id);
  }
  rows_.push_back({parent, child_id, arena_.size()});
  return arena_;
}

void fragment_lists::finish(std::uint32_t parent_count) {
  group_begin_.assign(static_cast<std::size_t>(parent_count) + 1, 0);
  for (const row_entry& row : rows_) ++group_begin_[row.parent + 1];
  for (std::uint32_t parent = 0; parent < parent_count; ++parent)
    group_begin_[parent + 1] += group_begin_[parent];
  if (!sorted_) order_rows(parent_count);
}

void fragment_lists::order_rows(std::uint32_t parent_count) {
  // Counting sort by parent keeps file order within a parent; then only the groups whose child
  // ids are out of order get sorted.
  std::vector<std::uint32_t> next(group_begin_.begin(), group_begin_.end() - 1);
  order_.assign(rows_.size(), 0);
  for (std::uint32_t row = 0; row < rows_.size(); ++row) order_[next[rows_[row].parent]++] = row;
  const auto by_child_id = [this](std::uint32_t a, std::uint32_t b) {
    return rows_[a].child_id < rows_[b].child_id;
  };
  for (std::uint32_t parent = 0; parent < parent_count; ++parent) {
    const auto first = order_.begin() + group_begin_[parent];
    const auto last = order_.begin() + group_begin_[parent + 1];
    if (!std::is_sorted(first, last, by_child_id)) std::sort(first, last, by_child_id);
  }
}

void fragment_lists::append_list(std::string& out, std::uint32_t parent, char open, char close,
                                 std::string_view empty) const {
  const std::uint32_t first = group_begin_[parent];
  const std::uint32_t last = group_begin_[parent + 1];
  if (first == last) {
    out.append(empty);
    return;
  }
  out.push_back(open);
  if (order_.empty()) {
    // Sorted input: the group's fragments and their separating commas are contiguous.
    out.append(arena_, rows_[first].begin, end_of(last - 1) - rows_[first].begin);
  } else {
    for (std::uint32_t k = first; k < last; ++k) {
      if (k != first) out.push_back(',');
      out.append(fragment(order_[k]));
    }
  }
  out.push_back(close);
}

void fragment_lists::clear() {
  std::string().swap(arena_);
  std::vector<row_entry>().swap(rows_);
  std::vector<std::uint32_t>().swap(group_begin_);
  std::vector<std::uint32_t>().swap(order_);
}

}  // namespace atelier::import
