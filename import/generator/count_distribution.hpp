// Per-entity row-count distributions whose means reproduce the real data set's row ratios.
#pragma once

#include <cstdint>

#include "import/generator/prng.hpp"

namespace atelier::generator {

/// Zero with probability zero_ppm; otherwise uniform in [min, max] plus one more with probability
/// extra_ppm. Mean = (1 - zero) * ((min + max) / 2 + extra).
struct count_distribution {
  std::uint32_t zero_ppm;
  std::uint32_t min;
  std::uint32_t max;
  std::uint32_t extra_ppm;

  /// Draws one count from `rng`.
  std::uint32_t draw(prng& rng) const {
    if (rng.chance_ppm(zero_ppm)) return 0;
    return rng.between(min, max) + (rng.chance_ppm(extra_ppm) ? 1 : 0);
  }
};

// Targets from the full data set (1,000,011 products): rows of each file per product or style.
/// features per product: 0.9 * (2 + 0.465866) = 2.219279 (2,219,279 / 1,000,011).
inline constexpr count_distribution features_per_product{100'000, 1, 3, 465'866};
/// styles per product: 0.98 * (1.5 + 0.498063) = 1.958102 (1,958,102 / 1,000,011).
inline constexpr count_distribution styles_per_product{20'000, 1, 2, 498'063};
/// related rows per product: 0.97 * (4.5 + 0.147694) = 4.508263 (4,508,263 / 1,000,011).
inline constexpr count_distribution related_per_product{30'000, 2, 7, 147'694};
/// photos per style: 0.96 * (3 + 0.008683) = 2.888336 (5,655,656 / 1,958,102).
inline constexpr count_distribution photos_per_style{40'000, 1, 5, 8'683};
/// skus per style: 0.99 * (5.5 + 0.341524) = 5.783109 (11,323,917 / 1,958,102).
inline constexpr count_distribution skus_per_style{10'000, 1, 10, 341'524};

}  // namespace atelier::generator
