// Builds the served JSON documents (one per product and route) from the rows the importer accepts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "import/fragment_lists.hpp"
#include "import/id_index.hpp"
#include "import/source_files.hpp"

namespace atelier::import {

/// Collects every accepted row as a JSON fragment grouped under its parent while the files load,
/// then assembles product_document's columns: the exact bytes each route serves. Element order is
/// by child id and products are ranked by id, whatever order the files list them in. Memory is
/// about the size of the documents (the full data set: see import/README.md). Files must be added
/// in load order (source_file order), each closed with end_file(). Not thread-safe.
class document_builder {
 public:
  /// `import_timestamp` is created_at/updated_at (`2021-08-13T14:37:33.145Z`); `data_dir`'s file
  /// sizes size the buffers.
  document_builder(std::string_view import_timestamp, const std::filesystem::path& data_dir);

  /// Adds one row that check_row() accepted (so every field is known to be valid).
  void add_row(source_file file, const std::vector<std::string_view>& fields);

  /// Called after the last row of `file`.
  void end_file(source_file file);

  /// Number of products, i.e. of documents (after end_file(source_file::related)).
  std::uint32_t product_count() const { return static_cast<std::uint32_t>(product_ids_.size()); }

  /// Product id of rank `rank` (1-based position in id order).
  std::int32_t product_id(std::uint32_t rank) const { return product_ids_[position(rank)]; }

  /// Append the document of the product of `rank` for each route.
  void append_summary_json(std::string& out, std::uint32_t rank) const;
  void append_product_json(std::string& out, std::uint32_t rank) const;
  void append_styles_json(std::string& out, std::uint32_t rank) const;
  void append_related_json(std::string& out, std::uint32_t rank) const;

  /// Releases the memory once the documents are written.
  void clear();

 private:
  std::uint32_t position(std::uint32_t rank) const {
    return by_rank_.empty() ? rank - 1 : by_rank_[rank - 1];
  }
  std::uint32_t product_position(std::string_view id_field) const;
  void add_product(const std::vector<std::string_view>& fields);
  void add_feature(const std::vector<std::string_view>& fields);
  void add_style(const std::vector<std::string_view>& fields);
  void add_photo(const std::vector<std::string_view>& fields);
  void add_sku(const std::vector<std::string_view>& fields);
  void add_related(const std::vector<std::string_view>& fields);

  std::string timestamp_json_;
  std::vector<std::int32_t> product_ids_;  // in load order
  std::vector<std::int32_t> style_ids_;    // in load order
  std::vector<std::uint32_t> by_rank_;     // load positions in id order; empty if ids ascended
  std::unique_ptr<id_index> product_index_;
  std::unique_ptr<id_index> style_index_;
  fragment_lists heads_;     // per product: the summary document without its closing brace
  fragment_lists features_;  // per product
  fragment_lists styles_;    // per product: each style up to "default?"
  fragment_lists photos_;    // per style
  fragment_lists skus_;      // per style
  fragment_lists related_;   // per product
};

}  // namespace atelier::import
