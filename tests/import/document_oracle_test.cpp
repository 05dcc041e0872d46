// The importer's C++-built documents against the SQL builder it replaced (testdata/
// document_oracle.sql), byte for byte, for a generated sample as generated and with every file's
// rows shuffled; and its JSON string escaping against Postgres's to_json.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <vector>

#include "import/generator/catalog_generator.hpp"
#include "import/json_text.hpp"
#include "import/source_files.hpp"
#include "tests/import/import_test_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

constexpr std::uint32_t sample_products = 3000;

// Runs the oracle SQL over the imported tables into schema `oracle`, with the import's timestamp.
void build_oracle_documents(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::work work(connection);
  const auto stamp =
      work.exec1(
              "SELECT summary_json::json->>'created_at' FROM atelier.product_document LIMIT 1")[0]
          .as<std::string>();
  work.exec_params("SELECT set_config('atelier.import_timestamp', $1, true)", stamp);
  work.exec("CREATE SCHEMA oracle; SET LOCAL search_path TO oracle, atelier");
  work.exec(read_file_text(import_testdata("document_oracle.sql")));
  work.commit();
}

// Products whose importer-built row differs from the oracle's in any column (or exists in only
// one), as "id,id,..." (at most ten), and the number of oracle rows.
std::pair<std::string, std::string> oracle_differences(const std::string& url) {
  const std::string differing = query_text(
      url,
      "SELECT coalesce(string_agg(product_id::text, ','), '') FROM (SELECT product_id FROM "
      "oracle.product_document o FULL JOIN atelier.product_document d USING (product_id) "
      "WHERE o.rank IS DISTINCT FROM d.rank OR o.summary_json IS DISTINCT FROM d.summary_json "
      "OR o.product_json IS DISTINCT FROM d.product_json OR o.styles_json IS DISTINCT FROM "
      "d.styles_json OR o.related_json IS DISTINCT FROM d.related_json "
      "ORDER BY product_id LIMIT 10) x");
  return {differing, query_text(url, "SELECT count(*) FROM oracle.product_document")};
}

// Copies each file of `from` to `to` with its data lines in a fixed random order.
void write_shuffled_copy(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to);
  std::mt19937 random(7);
  for (import::source_file file : import::all_source_files) {
    const std::string name(import::layout_of(file).file_name);
    std::ifstream in(from / name, std::ios::binary);
    std::string header;
    std::getline(in, header);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::shuffle(lines.begin(), lines.end(), random);
    std::ofstream out(to / name, std::ios::binary);
    out << header << '\n';
    for (const auto& line : lines) out << line << '\n';
  }
}

class document_oracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new temp_dir("atelier-oracle");
    generator::generator_options generate;
    generate.out_dir = dir_->path() / "data";
    generate.products = sample_products;
    generate_catalog(generate);
  }
  static void TearDownTestSuite() { delete dir_; }

  // Imports data_dir into a fresh database, builds the oracle and returns the database URL.
  static std::string import_with_oracle(const std::filesystem::path& data_dir) {
    const std::string url = import_postgres().create_database();
    import_quietly(url, data_dir.string(), (data_dir / "r.rejects").string());
    build_oracle_documents(url);
    return url;
  }

  static inline temp_dir* dir_ = nullptr;
};

TEST_F(document_oracle, generated_sample_documents_equal_the_sql_builder) {
  const std::string url = import_with_oracle(dir_->path() / "data");
  const auto [differing, oracle_rows] = oracle_differences(url);
  EXPECT_EQ(oracle_rows, std::to_string(sample_products));
  EXPECT_EQ(differing, "") << "products whose documents differ from the SQL builder's";
}

TEST_F(document_oracle, shuffled_files_give_the_documents_of_the_sql_builder) {
  write_shuffled_copy(dir_->path() / "data", dir_->path() / "shuffled");
  const std::string url = import_with_oracle(dir_->path() / "shuffled");
  const auto [differing, oracle_rows] = oracle_differences(url);
  EXPECT_EQ(oracle_rows, std::to_string(sample_products));
  EXPECT_EQ(differing, "") << "products whose documents differ from the SQL builder's";
  // The shuffle really reordered the rows: photos were loaded out of id order.
  EXPECT_EQ(query_text(url,
                       "SELECT count(*) > 0 FROM (SELECT id < lag(id) OVER (ORDER BY ctid) AS "
                       "backwards FROM atelier.photo) p WHERE backwards"),
            "t");
}

TEST(json_text, strings_are_escaped_as_postgres_to_json_escapes_them) {
  std::string text;
  for (int byte = 1; byte < 0x80; ++byte) text.push_back(static_cast<char>(byte));
  text.append("Café \xE2\x82\xAC \xF0\x9F\x98\x80 \\\"done\"");
  std::string escaped;
  import::append_json_string(escaped, text);
  pqxx::connection connection(import_postgres().url());
  pqxx::read_transaction work(connection);
  EXPECT_EQ(escaped,
            work.exec_params1("SELECT to_json($1::text)::text", text)[0].as<std::string>());
}

}  // namespace
}  // namespace atelier::testing
