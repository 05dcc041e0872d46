// JSON fragments of one child file (features, styles, photos, skus or related rows), grouped by
// parent and ordered by child id, as the document lists need them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::import {

/// Child fragments are appended in file order into one contiguous arena, each followed by ','.
/// When the file is sorted by (parent, child id) - the real and generated files are - a parent's
/// list is one contiguous byte range of the arena. Otherwise finish() orders the rows by parent
/// (a counting sort) and sorts by child id only the groups that arrive out of order, so any input
/// order gives the same lists. Costs the fragment bytes plus 16 bytes per row. Not thread-safe.
class fragment_lists {
 public:
  /// `expected_bytes` reserves the arena up front (untouched pages cost no memory).
  explicit fragment_lists(std::size_t expected_bytes = 0);

  /// Starts the fragment of one row; append its JSON to the returned string, then call end_row().
  std::string& begin_row(std::uint32_t parent, std::int32_t child_id);
  void end_row() { arena_.push_back(','); }

  /// Groups the rows of parents 0 .. parent_count-1; call once after the last row.
  void finish(std::uint32_t parent_count);

  /// Rows of `parent` in child id order, as row numbers (finish() first); row k is the k-th
  /// begin_row() call.
  template <typename visit_row>
  void for_each_row(std::uint32_t parent, visit_row&& visit) const {
    for (std::uint32_t k = group_begin_[parent]; k < group_begin_[parent + 1]; ++k)
      visit(order_.empty() ? k : order_[k]);
  }

  /// The fragment of row `row`, without its trailing comma.
  std::string_view fragment(std::uint32_t row) const {
    return std::string_view(arena_).substr(rows_[row].begin, end_of(row) - rows_[row].begin);
  }

  /// Appends `open`, the fragments of `parent` joined by ',', and `close`; or `empty` when the
  /// parent has no rows (finish() first).
  void append_list(std::string& out, std::uint32_t parent, char open, char close,
                   std::string_view empty) const;

  /// Releases the memory (after the documents were written).
  void clear();

 private:
  struct row_entry {
    std::uint32_t parent;
    std::int32_t child_id;
    std::uint64_t begin;
  };

  std::uint64_t end_of(std::uint32_t row) const {
    return (row + 1 < rows_.size() ? rows_[row + 1].begin : arena_.size()) - 1;
  }
  void order_rows(std::uint32_t parent_count);

  std::string arena_;
  std::vector<row_entry> rows_;
  bool sorted_ = true;                      // rows arrived in (parent, child id) order so far
  std::vector<std::uint32_t> group_begin_;  // per parent, its first position in row order
  std::vector<std::uint32_t> order_;        // row numbers by (parent, child id); empty if sorted_
};

}  // namespace atelier::import
