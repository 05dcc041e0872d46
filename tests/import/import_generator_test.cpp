// Imports a generated data set and checks the rejects against the generator's manifest of
// deliberate defects.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "import/csv_reader.hpp"
#include "import/generator/catalog_generator.hpp"
#include "tests/import/import_test_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

// Manifest defect key -> (file, rejection reason) the importer must report for it.
const std::map<std::string, std::string> reason_for_defect{
    {"photos.csv/unclosed_quote", "unterminated quoted field"},
    {"photos.csv/split_url", "wrong field count"},
    {"photos.csv/truncated_url", "invalid url"},
    {"features.csv/unknown_product", "unknown product_id"},
    {"styles.csv/unknown_product", "unknown productId"},
    {"skus.csv/negative_quantity", "invalid quantity"},
    {"skus.csv/non_numeric_quantity", "invalid quantity"},
    {"related.csv/zero_related_id", "invalid related reference"},
    {"related.csv/unknown_related_id", "invalid related reference"},
    {"related.csv/self_related_id", "invalid related reference"},
};

TEST(import_generated, rejects_equal_the_manifest_defects) {
  temp_dir dir("atelier-generated");
  generator::generator_options generate;
  generate.out_dir = dir.path() / "data";
  generate.products = 2000;
  generate_catalog(generate);
  const std::string url = import_postgres().create_database();
  const auto rejects_path = dir.path() / "r.rejects";
  const auto summary = import_quietly(url, generate.out_dir.string(), rejects_path.string());

  nlohmann::json manifest;
  std::ifstream(generate.out_dir / "manifest.json") >> manifest;
  std::map<std::string, std::uint64_t> expected;  // "file/reason" -> rows
  for (const auto& [file, kinds] : manifest["defects"].items())
    for (const auto& [kind, count] : kinds.items())
      if (count.get<std::uint64_t>() > 0)
        expected[file + "/" + reason_for_defect.at(file + "/" + kind)] +=
            count.get<std::uint64_t>();

  std::map<std::string, std::uint64_t> actual;
  std::FILE* file = std::fopen(rejects_path.c_str(), "rb");
  ASSERT_NE(file, nullptr);
  import::csv_reader reader(file);
  import::csv_record record;
  reader.next(record);  // header
  while (reader.next(record)) {
    ASSERT_EQ(record.fields.size(), 4u) << record.raw;
    ++actual[std::string(record.fields[0]) + "/" + std::string(record.fields[2])];
  }
  std::fclose(file);
  EXPECT_EQ(actual, expected);
  for (import::source_file source : import::all_source_files) {
    const auto& layout = import::layout_of(source);
    const auto index = static_cast<std::size_t>(source);
    EXPECT_EQ(summary.files[index].loaded + summary.files[index].rejected,
              manifest["rows"][std::string(layout.file_name)].get<std::uint64_t>())
        << layout.file_name;
  }
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM atelier.product_document"), "2000");
}

}  // namespace
}  // namespace atelier::testing
