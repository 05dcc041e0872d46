// Builds product and style names and descriptions from the word lists (commas, quotes, non-ASCII
// included).
#pragma once

#include <string>

#include "import/generator/prng.hpp"

namespace atelier::generator {

/// Replaces `out` with a product name such as `Café Joggers` or `Retro Boots, 2nd Edition`.
void make_product_name(prng& rng, std::string& out);

/// Replaces `out` with a product description of one or two sentences.
void make_description(prng& rng, std::string& out);

/// Replaces `out` with a style name such as `Forest Green & Black` or `Navy "Limited"`.
void make_style_name(prng& rng, std::string& out);

}  // namespace atelier::generator
