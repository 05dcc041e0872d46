// Tests that the generator's output depends only on the seed and the product count.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "tests/generator/generated_catalog.hpp"

namespace atelier::generator::testing {
namespace {

constexpr std::uint32_t determinism_products = 3000;
const char* const all_files[] = {"product.csv", "features.csv", "styles.csv",   "photos.csv",
                                 "skus.csv",    "related.csv",  "manifest.json"};

TEST(GeneratorDeterminism, SameSeedGivesIdenticalBytes) {
  const generated_catalog first(determinism_products, 7);
  const generated_catalog second(determinism_products, 7);
  for (const char* name : all_files) {
    const std::string first_bytes = first.read(name);
    EXPECT_GT(first_bytes.size(), 0u) << name;
    EXPECT_EQ(fnv1a(first_bytes), fnv1a(second.read(name))) << name;
  }
}

TEST(GeneratorDeterminism, DifferentSeedGivesDifferentBytes) {
  const generated_catalog first(determinism_products, 7);
  const generated_catalog second(determinism_products, 8);
  for (const char* name : all_files) {
    EXPECT_NE(fnv1a(first.read(name)), fnv1a(second.read(name))) << name;
  }
}

TEST(GeneratorDeterminism, SmallerCatalogIsNotAPrefixOfALargerOne) {
  // Product count changes the plan (e.g. related ids span all products), not only the length.
  const generated_catalog small(1000, 7);
  const generated_catalog large(2000, 7);
  EXPECT_NE(fnv1a(small.read("related.csv")), fnv1a(large.read("related.csv")));
  EXPECT_EQ(small.report().tally.rows[0], 1000u);
  EXPECT_EQ(large.report().tally.rows[0], 2000u);
}

TEST(GeneratorDeterminism, ZeroProductsIsRejected) {
  EXPECT_THROW(generated_catalog(0, 7), std::invalid_argument);
}

TEST(GeneratorDeterminism, SingleProductStillWritesEveryFile) {
  const generated_catalog single(1, 7);
  EXPECT_EQ(single.manifest()["rows"]["product.csv"], 1);
  EXPECT_EQ(
      single.read("product.csv").rfind("id,name,slogan,description,category,default_price\n1,", 0),
      0u);
}

}  // namespace
}  // namespace atelier::generator::testing
