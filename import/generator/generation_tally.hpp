// The output files, the deliberate defect kinds, and the per-run tally of rows and defects written.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace atelier::generator {

/// The six CSV files, in the order they are reported.
enum class output_file : std::size_t { product, features, styles, photos, skus, related };
inline constexpr std::size_t output_file_count = 6;

/// File name of each output_file.
inline constexpr std::array<std::string_view, output_file_count> file_names{
    "product.csv", "features.csv", "styles.csv", "photos.csv", "skus.csv", "related.csv"};

/// Exact header line of each output_file (atelier-api.md).
inline constexpr std::array<std::string_view, output_file_count> file_headers{
    "id,name,slogan,description,category,default_price",
    "id,product_id,feature,value",
    "id,productId,name,sale_price,original_price,default_style",
    "id,styleId,url,thumbnail_url",
    "id,styleId,size,quantity",
    "id,current_product_id,related_product_id"};

/// File name of `file`, e.g. `photos.csv`.
inline constexpr std::string_view file_name(output_file file) {
  return file_names[static_cast<std::size_t>(file)];
}

/// Header line of `file`, without the line ending.
inline constexpr std::string_view file_header(output_file file) {
  return file_headers[static_cast<std::size_t>(file)];
}

/// Path of `file` inside the output directory `dir`.
inline std::filesystem::path output_path(const std::filesystem::path& dir, output_file file) {
  return dir / std::string(file_name(file));
}

/// Every kind of row an importer must reject (or, for related.csv, drop), one row per count.
enum class defect_kind : std::size_t {
  photo_unclosed_quote,  // photos.csv: thumbnail_url lacks its closing quote
  photo_split_url,       // photos.csv: url split in two fields, so the row has 5 fields
  photo_truncated_url,   // photos.csv: url cut short, e.g. "https://images.unsplash.com/photo-15"
  feature_unknown_product,   // features.csv: product_id names no product
  style_unknown_product,     // styles.csv: productId names no product (style has no photos/skus)
  sku_negative_quantity,     // skus.csv: quantity like -3
  sku_non_numeric_quantity,  // skus.csv: quantity like many, N/A
  related_zero,              // related.csv: related_product_id is 0
  related_unknown,           // related.csv: related_product_id names no product
  related_self,              // related.csv: related_product_id equals current_product_id
};
inline constexpr std::size_t defect_kind_count = 10;

/// File each defect kind appears in, and its key in manifest.json under that file.
struct defect_info {
  output_file file;
  std::string_view key;
};
inline constexpr std::array<defect_info, defect_kind_count> defect_infos{{
    {output_file::photos, "unclosed_quote"},
    {output_file::photos, "split_url"},
    {output_file::photos, "truncated_url"},
    {output_file::features, "unknown_product"},
    {output_file::styles, "unknown_product"},
    {output_file::skus, "negative_quantity"},
    {output_file::skus, "non_numeric_quantity"},
    {output_file::related, "zero_related_id"},
    {output_file::related, "unknown_related_id"},
    {output_file::related, "self_related_id"},
}};

/// Rows and defects written by one generation job; jobs on different threads each own one and
/// the results are merged after joining.
struct generation_tally {
  std::array<std::uint64_t, output_file_count> rows{};
  std::array<std::uint64_t, defect_kind_count> defects{};

  void add_defect(defect_kind kind) { ++defects[static_cast<std::size_t>(kind)]; }
  std::uint64_t defect_count(defect_kind kind) const {
    return defects[static_cast<std::size_t>(kind)];
  }
  void set_rows(output_file file, std::uint64_t count) {
    rows[static_cast<std::size_t>(file)] = count;
  }
  std::uint64_t row_count(output_file file) const { return rows[static_cast<std::size_t>(file)]; }

  /// Adds another job's counts to this one.
  void merge(const generation_tally& other) {
    for (std::size_t i = 0; i < output_file_count; ++i) rows[i] += other.rows[i];
    for (std::size_t i = 0; i < defect_kind_count; ++i) defects[i] += other.defects[i];
  }
};

}  // namespace atelier::generator
