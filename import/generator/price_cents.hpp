// Draws prices in cents whose text form is an integer (`140`) or a decimal (`99.5`, `12.99`).
#pragma once

#include <cstdint>

#include "import/generator/prng.hpp"

namespace atelier::generator {

/// A price in [0, 999.99] dollars, in cents: mostly whole dollars, some .5/.99/.xx, rarely 0.
inline std::uint64_t draw_price_cents(prng& rng) {
  constexpr std::uint32_t free_ppm = 5'000;  // the real data has a few 0.00 prices
  if (rng.chance_ppm(free_ppm)) return 0;
  const std::uint64_t dollars = rng.between(1, 999);
  const std::uint32_t shape = rng.below(100);
  std::uint64_t cents = 0;
  if (shape < 60) {
    cents = 0;
  } else if (shape < 75) {
    cents = 50;
  } else if (shape < 90) {
    cents = 99;
  } else {
    cents = rng.below(100);
  }
  return dollars * 100 + cents;
}

/// A sale price strictly below `original_cents` (50%..95% of it, whole cents), or 0 when original
/// is 0.
inline std::uint64_t draw_sale_cents(prng& rng, std::uint64_t original_cents) {
  return original_cents * rng.between(50, 95) / 100;
}

}  // namespace atelier::generator
