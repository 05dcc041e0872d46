// The catalog's skeleton (product ids with gaps, categories, style counts and style id ranges),
// computed once so the files can be written independently on separate threads.
#pragma once

#include <cstdint>
#include <vector>

#include "import/generator/prng.hpp"

namespace atelier::generator {

/// Immutable after make_catalog_plan(); safe to read from several threads at once.
struct catalog_plan {
  std::uint64_t seed = 0;
  /// Ascending product ids, one per product row; some ids are skipped (gaps).
  std::vector<std::uint32_t> product_ids;
  /// Index into words::categories, per product.
  std::vector<std::uint8_t> category_indexes;
  /// Regular styles per product (each gets photos and skus).
  std::vector<std::uint8_t> style_counts;
  /// 1 when the product is followed by one extra style row whose productId names no product.
  std::vector<std::uint8_t> orphan_style_flags;
  /// First style id of each product's styles; style ids are dense across the whole file.
  std::vector<std::uint32_t> first_style_ids;
  /// Ids skipped between products (the gaps), ascending.
  std::vector<std::uint32_t> gap_ids;
  std::uint32_t max_product_id = 0;

  std::uint32_t product_count() const { return static_cast<std::uint32_t>(product_ids.size()); }

  /// A product id that does not exist: a gap id or one beyond the largest id.
  std::uint32_t unknown_product_id(prng& rng) const;
};

/// Builds the plan for `products` products (>= 1) from `seed`; deterministic.
catalog_plan make_catalog_plan(std::uint32_t products, std::uint64_t seed);

}  // namespace atelier::generator
