// Tests the generated files against the CSV contract: headers, RFC 4180 rows, quirks, counted
// defects.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "tests/generator/catalog_validator.hpp"
#include "tests/generator/generated_catalog.hpp"

namespace atelier::generator::testing {
namespace {

constexpr std::uint32_t format_products = 20000;
constexpr std::uint64_t format_seed = 42;

class GeneratorFormat : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = std::make_unique<generated_catalog>(format_products, format_seed);
  }
  static void TearDownTestSuite() { catalog_.reset(); }

  /// Parsed data rows of `name` that are valid RFC 4180 (malformed rows skipped).
  static std::vector<std::vector<csv_field>> rows_of(const std::string& name) {
    const std::string content = catalog_->read(name);
    std::vector<std::vector<csv_field>> rows;
    std::vector<csv_field> fields;
    std::size_t at = content.find('\n') + 1;
    while (at < content.size()) {
      const std::size_t end = content.find('\n', at);
      if (read_csv_line(std::string_view(content).substr(at, end - at), fields) ==
          csv_line_status::ok) {
        rows.push_back(fields);
      }
      at = end + 1;
    }
    return rows;
  }

  static std::unique_ptr<generated_catalog> catalog_;
};

std::unique_ptr<generated_catalog> GeneratorFormat::catalog_;

TEST_F(GeneratorFormat, HeadersAreExactlyTheContract) {
  const std::pair<const char*, const char*> expected[] = {
      {"product.csv", "id,name,slogan,description,category,default_price\n"},
      {"features.csv", "id,product_id,feature,value\n"},
      {"styles.csv", "id,productId,name,sale_price,original_price,default_style\n"},
      {"photos.csv", "id,styleId,url,thumbnail_url\n"},
      {"skus.csv", "id,styleId,size,quantity\n"},
      {"related.csv", "id,current_product_id,related_product_id\n"}};
  for (const auto& [name, header] : expected) {
    const std::string content = catalog_->read(name);
    EXPECT_EQ(content.substr(0, std::string(header).size()), header) << name;
    EXPECT_EQ(content.find('\r'), std::string::npos) << name << " has CR line endings";
    EXPECT_EQ(content.back(), '\n') << name;
  }
}

TEST_F(GeneratorFormat, EveryRowIsValidExceptExactlyTheManifestDefects) {
  const nlohmann::json manifest = catalog_->manifest();
  catalog_validator validator;
  using check_fn = reject_counts (catalog_validator::*)(std::string_view);
  // Order matters: products and styles first, so references can be checked.
  const std::pair<const char*, check_fn> files[] = {
      {"product.csv", &catalog_validator::check_products},
      {"features.csv", &catalog_validator::check_features},
      {"styles.csv", &catalog_validator::check_styles},
      {"photos.csv", &catalog_validator::check_photos},
      {"skus.csv", &catalog_validator::check_skus},
      {"related.csv", &catalog_validator::check_related}};
  for (const auto& [name, check] : files) {
    const reject_counts rejects = (validator.*check)(catalog_->read(name));
    EXPECT_EQ(validator.data_rows(), manifest["rows"][name].get<std::uint64_t>()) << name;
    reject_counts expected;
    if (manifest["defects"].contains(name)) {
      for (const auto& [kind, count] : manifest["defects"][name].items()) {
        EXPECT_GT(count.get<std::uint64_t>(), 0u) << name << " " << kind << " never exercised";
        expected[kind] = count.get<std::uint64_t>();
      }
    }
    EXPECT_EQ(rejects, expected) << name;
  }
  for (const auto& line : validator.first_unexpected_lines()) ADD_FAILURE() << line;
  EXPECT_EQ(manifest["defects"].size(), 5u);  // every file but product.csv has defects
}

TEST_F(GeneratorFormat, TextHasCommasDoubledQuotesAndNonAscii) {
  const std::string products = catalog_->read("product.csv");
  EXPECT_NE(products.find("\"\""), std::string::npos);
  bool comma = false, quote = false, non_ascii = false;
  for (const auto& row : rows_of("product.csv")) {
    for (const auto& field : row) {
      comma = comma || (field.quoted && field.text.find(',') != std::string::npos);
      quote = quote || field.text.find('"') != std::string::npos;
      for (const char c : field.text)
        non_ascii = non_ascii || static_cast<unsigned char>(c) >= 0x80;
    }
  }
  EXPECT_TRUE(comma);
  EXPECT_TRUE(quote);
  EXPECT_TRUE(non_ascii);
  EXPECT_NE(products.find("Café"), std::string::npos);
}

TEST_F(GeneratorFormat, StylesHaveNullSalePricesMixedPriceFormsAndAboutOneDefault) {
  std::uint64_t null_sale = 0, numeric_sale = 0, integer_price = 0, decimal_price = 0, defaults = 0;
  std::set<std::string> products_with_styles;
  for (const auto& row : rows_of("styles.csv")) {
    ASSERT_EQ(row.size(), 6u);
    catalog_validator::is_bare_null(row[3]) ? ++null_sale : ++numeric_sale;
    row[4].text.find('.') == std::string::npos ? ++integer_price : ++decimal_price;
    defaults += row[5].text == "1" ? 1 : 0;
    products_with_styles.insert(row[1].text);
  }
  EXPECT_GT(null_sale, numeric_sale);  // most styles are not on sale
  EXPECT_GT(numeric_sale, 0u);
  EXPECT_GT(integer_price, 0u);
  EXPECT_GT(decimal_price, 0u);
  const double defaults_per_product =
      static_cast<double>(defaults) / static_cast<double>(products_with_styles.size());
  EXPECT_GT(defaults_per_product, 0.85);
  EXPECT_LE(defaults_per_product, 1.0);
}

TEST_F(GeneratorFormat, FeaturesHaveNullValuesAndSkusHaveLetterShoeAndOneSizes) {
  std::uint64_t null_values = 0;
  for (const auto& row : rows_of("features.csv")) {
    null_values += catalog_validator::is_bare_null(row[3]) ? 1 : 0;
  }
  EXPECT_GT(null_values, 0u);
  std::set<std::string> sizes;
  for (const auto& row : rows_of("skus.csv")) sizes.insert(row[2].text);
  for (const char* size :
       {"XS", "S", "M", "L", "XL", "XXL", "XXXL", "One Size", "7", "7.5", "12"}) {
    EXPECT_EQ(sizes.count(size), 1u) << size;
  }
}

TEST_F(GeneratorFormat, ProductIdsHaveGaps) {
  const auto rows = rows_of("product.csv");
  ASSERT_EQ(rows.size(), format_products);
  EXPECT_GT(std::stoull(rows.back()[0].text), format_products);
  EXPECT_EQ(catalog_->manifest()["max_product_id"].get<std::uint64_t>(),
            std::stoull(rows.back()[0].text));
}

}  // namespace
}  // namespace atelier::generator::testing
