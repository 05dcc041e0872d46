// Tests that row counts scale with the full data set's ratios and that zero-count entities occur.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "tests/generator/csv_line_reader.hpp"
#include "tests/generator/generated_catalog.hpp"

namespace atelier::generator::testing {
namespace {

constexpr std::uint32_t ratio_products = 20000;
constexpr double full_scale_products = 1'000'011;
constexpr double ratio_tolerance = 0.03;

/// The values of column `column` across the valid rows of a CSV file.
std::multiset<std::string> column_values(const std::string& content, std::size_t column) {
  std::multiset<std::string> values;
  std::vector<csv_field> fields;
  std::size_t at = content.find('\n') + 1;
  while (at < content.size()) {
    const std::size_t end = content.find('\n', at);
    if (read_csv_line(std::string_view(content).substr(at, end - at), fields) ==
            csv_line_status::ok &&
        fields.size() > column) {
      values.insert(fields[column].text);
    }
    at = end + 1;
  }
  return values;
}

TEST(GeneratorRatios, RowCountsMatchFullScaleRatios) {
  const generated_catalog catalog(ratio_products, 42);
  const nlohmann::json rows = catalog.manifest()["rows"];
  EXPECT_EQ(rows["product.csv"].get<std::uint64_t>(), ratio_products);
  const std::map<std::string, double> full_scale_rows = {{"features.csv", 2'219'279},
                                                         {"styles.csv", 1'958'102},
                                                         {"photos.csv", 5'655'656},
                                                         {"skus.csv", 11'323'917},
                                                         {"related.csv", 4'508'263}};
  for (const auto& [name, full_rows] : full_scale_rows) {
    const double expected = full_rows / full_scale_products;
    const double actual = rows[name].get<double>() / ratio_products;
    EXPECT_NEAR(actual / expected, 1.0, ratio_tolerance) << name;
  }
}

TEST(GeneratorRatios, SomeProductsAndStylesHaveNoChildren) {
  const generated_catalog catalog(ratio_products, 42);
  const auto product_ids = column_values(catalog.read("product.csv"), 0);
  const auto style_ids = column_values(catalog.read("styles.csv"), 0);
  const auto featured = column_values(catalog.read("features.csv"), 1);
  const auto styled = column_values(catalog.read("styles.csv"), 1);
  const auto related = column_values(catalog.read("related.csv"), 1);
  const auto photographed = column_values(catalog.read("photos.csv"), 1);
  auto without = [](const std::multiset<std::string>& ids, const std::multiset<std::string>& used) {
    std::size_t missing = 0;
    for (const auto& id : ids) missing += used.count(id) == 0 ? 1 : 0;
    return missing;
  };
  EXPECT_GT(without(product_ids, featured), 0u);
  EXPECT_GT(without(product_ids, styled), 0u);
  EXPECT_GT(without(product_ids, related), 0u);
  EXPECT_GT(without(style_ids, photographed), 0u);
}

}  // namespace
}  // namespace atelier::generator::testing
