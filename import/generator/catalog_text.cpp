// Builds product and style text from the word lists.
#include "import/generator/catalog_text.hpp"

#include "import/generator/catalog_words.hpp"

namespace atelier::generator {
namespace {

constexpr std::uint32_t edition_ppm = 100'000;
constexpr std::uint32_t one_sentence_ppm = 200'000;
constexpr std::uint32_t two_colour_ppm = 400'000;
constexpr std::string_view editions[] = {", 2nd Edition", ", Limited", ", \"Pro\" Edition",
                                         ", Édition Spéciale"};

}  // namespace

void make_product_name(prng& rng, std::string& out) {
  out.assign(rng.pick(words::adjectives));
  out.push_back(' ');
  out.append(rng.pick(words::nouns));
  if (rng.chance_ppm(edition_ppm)) out.append(rng.pick(editions));
}

void make_description(prng& rng, std::string& out) {
  out.assign(rng.pick(words::description_openers));
  if (rng.chance_ppm(one_sentence_ppm)) return;
  out.push_back(' ');
  out.append(rng.pick(words::description_closers));
}

void make_style_name(prng& rng, std::string& out) {
  out.assign(rng.pick(words::colors));
  if (rng.chance_ppm(two_colour_ppm)) {
    out.append(" & ");
    out.append(rng.pick(words::colors));
  }
  out.append(rng.pick(words::style_suffixes));
}

}  // namespace atelier::generator
