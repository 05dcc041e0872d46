// Builds the catalog plan: product ids with gaps, categories and style id ranges.
#include "import/generator/catalog_plan.hpp"

#include "import/generator/catalog_words.hpp"
#include "import/generator/count_distribution.hpp"

namespace atelier::generator {
namespace {

// About 1% of product ids are followed by a gap of 1..3 unused ids, as in the real data.
constexpr std::uint32_t id_gap_ppm = 10'000;
constexpr std::uint32_t max_gap_length = 3;
// Products followed by an extra style row that references a missing product (a defect).
constexpr std::uint32_t orphan_style_ppm = 300;
// How far beyond the largest id an "unknown" product id may land.
constexpr std::uint32_t unknown_id_spread = 1000;

}  // namespace

std::uint32_t catalog_plan::unknown_product_id(prng& rng) const {
  if (!gap_ids.empty() && rng.below(2) == 0) {
    return gap_ids[rng.below(static_cast<std::uint32_t>(gap_ids.size()))];
  }
  return max_product_id + 1 + rng.below(unknown_id_spread);
}

catalog_plan make_catalog_plan(std::uint32_t products, std::uint64_t seed) {
  catalog_plan plan;
  plan.seed = seed;
  plan.product_ids.reserve(products);
  plan.category_indexes.reserve(products);
  plan.style_counts.reserve(products);
  plan.orphan_style_flags.reserve(products);
  plan.first_style_ids.reserve(products);
  prng rng(seed, stream_tag::plan, 0);
  constexpr auto category_total = static_cast<std::uint32_t>(std::size(words::categories));
  std::uint32_t next_id = 1;
  std::uint32_t next_style_id = 1;
  for (std::uint32_t i = 0; i < products; ++i) {
    // Gaps only between products, so the first id is 1 and the last id is a real product.
    if (i > 0 && rng.chance_ppm(id_gap_ppm)) {
      const std::uint32_t gap = rng.between(1, max_gap_length);
      for (std::uint32_t g = 0; g < gap; ++g) plan.gap_ids.push_back(next_id++);
    }
    plan.product_ids.push_back(next_id++);
    plan.category_indexes.push_back(static_cast<std::uint8_t>(rng.below(category_total)));
    const std::uint32_t styles = styles_per_product.draw(rng);
    const bool orphan = rng.chance_ppm(orphan_style_ppm);
    plan.style_counts.push_back(static_cast<std::uint8_t>(styles));
    plan.orphan_style_flags.push_back(orphan ? 1 : 0);
    plan.first_style_ids.push_back(next_style_id);
    next_style_id += styles + (orphan ? 1 : 0);
  }
  plan.max_product_id = next_id - 1;
  return plan;
}

}  // namespace atelier::generator
