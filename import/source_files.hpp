// The six Atelier CSV files: names, exact headers, and the staging tables and columns they load
// into.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace atelier::import {

/// The source files in load order: each file's references point only at files loaded before it.
enum class source_file : std::size_t { product, features, styles, photos, skus, related };
inline constexpr std::size_t source_file_count = 6;

/// How one CSV file maps onto its staging table.
struct file_layout {
  std::string_view file_name;  ///< e.g. "photos.csv"
  std::string_view header;     ///< exact header line, without line ending
  std::string_view table;      ///< staging table (sql/dataset/01_tables.sql)
  std::string_view columns;    ///< COPY column list, in CSV field order
  std::size_t field_count;     ///< fields per data row
};

inline constexpr std::array<file_layout, source_file_count> file_layouts{{
    {"product.csv", "id,name,slogan,description,category,default_price", "product",
     "id, name, slogan, description, category, default_price", 6},
    {"features.csv", "id,product_id,feature,value", "feature", "id, product_id, feature, value", 4},
    {"styles.csv", "id,productId,name,sale_price,original_price,default_style", "style",
     "id, product_id, name, sale_price, original_price, is_default", 6},
    {"photos.csv", "id,styleId,url,thumbnail_url", "photo", "id, style_id, url, thumbnail_url", 4},
    {"skus.csv", "id,styleId,size,quantity", "sku", "id, style_id, size, quantity", 4},
    {"related.csv", "id,current_product_id,related_product_id", "related",
     "id, product_id, related_product_id", 3},
}};

/// The layout of `file`.
inline constexpr const file_layout& layout_of(source_file file) {
  return file_layouts[static_cast<std::size_t>(file)];
}

/// All files in load order, for range-for loops.
inline constexpr std::array<source_file, source_file_count> all_source_files{
    source_file::product, source_file::features, source_file::styles,
    source_file::photos,  source_file::skus,     source_file::related};

}  // namespace atelier::import
