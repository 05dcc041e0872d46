// Re-imports, the atomic swap seen by a concurrent reader, and bad input that must leave the live
// set alone.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <set>
#include <thread>

#include "import/generator/catalog_generator.hpp"
#include "tests/import/import_test_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

namespace fs = std::filesystem;

// Documents and version in one statement, so both come from the same snapshot.
constexpr const char* live_state_sql =
    "SELECT (SELECT count(*) FROM atelier.product_document) || '@' || "
    "(SELECT version FROM atelier_meta.dataset)";

std::string shell_quote(const std::string& text) {
  return "'" + text + "'";
}

void copy_fixture(const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(import_testdata("quirks")))
    fs::copy_file(entry.path(), to / entry.path().filename());
}

// A generated 400-product catalog in `dir`, to import over (and under) the 5-product quirks set.
std::string bigger_catalog(const temp_dir& dir) {
  generator::generator_options generate;
  generate.out_dir = dir.path() / "bigger";
  generate.products = 400;
  generate_catalog(generate);
  return generate.out_dir.string();
}

command_result run_binary(const std::string& data_dir, const std::string& database_url) {
  return run_shell(std::string(ATELIER_IMPORT_BINARY) + " --no-progress --data-dir " +
                   shell_quote(data_dir) + " --database-url " + shell_quote(database_url));
}

TEST(import_swap, reimport_is_safe_and_bumps_the_version) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-reimport");
  const auto rejects = (dir.path() / "r.rejects").string();
  EXPECT_EQ(import_quietly(url, import_testdata("quirks"), rejects).dataset_version, 1);
  EXPECT_EQ(import_quietly(url, import_testdata("quirks"), rejects).dataset_version, 2);
  EXPECT_EQ(query_text(url, live_state_sql), "5@2");
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'atelier_%'"),
            "1");  // meta only
}

TEST(import_swap, a_concurrent_reader_sees_only_complete_sets) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-swap");
  const auto bigger = bigger_catalog(dir);
  const auto rejects = (dir.path() / "r.rejects").string();
  import_quietly(url, import_testdata("quirks"), rejects);

  std::atomic<bool> stop{false};
  std::set<std::string> seen;
  std::string reader_error;
  std::thread reader([&] {
    try {
      pqxx::connection connection(url);
      connection.prepare("live_state", live_state_sql);
      while (!stop.load()) {
        pqxx::nontransaction work(connection);
        seen.insert(work.exec_prepared1("live_state")[0].as<std::string>());
      }
    } catch (const std::exception& error) {
      reader_error = error.what();
    }
  });
  for (int round = 0; round < 2; ++round) {
    import_quietly(url, bigger, rejects);
    import_quietly(url, import_testdata("quirks"), rejects);
  }
  import_quietly(url, bigger, rejects);
  stop = true;
  reader.join();
  EXPECT_EQ(reader_error, "");
  const std::set<std::string> complete{"5@1", "400@2", "5@3", "400@4", "5@5", "400@6"};
  for (const auto& state : seen) EXPECT_EQ(complete.count(state), 1u) << "reader saw " << state;
  EXPECT_EQ(seen.count("400@6"), 1u);
  EXPECT_GE(seen.size(), 3u);  // the reader really ran across swaps
}

// A query still reading the old set (here: an open transaction that has read it) must not hold up
// the swap, nor queries on the new set; only the drop of the old set waits for it. When the swap
// itself dropped the old tables, it queued behind the reader and the new version stayed invisible.
TEST(import_swap, a_reader_of_the_old_set_delays_only_its_drop) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-drop");
  const auto bigger = bigger_catalog(dir);
  const auto rejects = (dir.path() / "r.rejects").string();
  import_quietly(url, import_testdata("quirks"), rejects);

  pqxx::connection old_reader(url);
  // Declared before `holding`, so on any early exit the reader's transaction ends first and the
  // future's destructor does not wait forever for an import waiting for that reader.
  std::future<std::int64_t> reimport;
  pqxx::work holding(old_reader);
  ASSERT_EQ(holding.exec1(live_state_sql)[0].as<std::string>(), "5@1");
  reimport = std::async(std::launch::async,
                        [&] { return import_quietly(url, bigger, rejects).dataset_version; });
  // The swap commits while the old reader still holds its lock; queries see the new set at once.
  pqxx::connection reader(url);
  pqxx::nontransaction(reader).exec("SET statement_timeout = '2s'");
  std::string state;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (state != "400@2" && std::chrono::steady_clock::now() < give_up) {
    try {
      state = pqxx::nontransaction(reader).exec1(live_state_sql)[0].as<std::string>();
    } catch (const pqxx::sql_error& error) {
      state = std::string("blocked: ") + error.what();  // statement_timeout behind the swap
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(state, "400@2") << "the swap waited for a reader of the old set";
  EXPECT_EQ(reimport.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "the old set was dropped under a reader still using it";
  holding.commit();
  EXPECT_EQ(reimport.get(), 2);
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'atelier_retired'"),
            "0");
}

// An import interrupted between its swap and the drop of the old set leaves atelier_retired
// behind; the next import must not trip over it.
TEST(import_swap, a_leftover_retired_set_is_dropped_by_the_next_import) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-leftover");
  const auto rejects = (dir.path() / "r.rejects").string();
  import_quietly(url, import_testdata("quirks"), rejects);
  {
    pqxx::connection connection(url);
    pqxx::work work(connection);
    work.exec("CREATE SCHEMA atelier_retired; CREATE TABLE atelier_retired.product (id int)");
    work.commit();
  }
  EXPECT_EQ(import_quietly(url, import_testdata("quirks"), rejects).dataset_version, 2);
  EXPECT_EQ(query_text(url, live_state_sql), "5@2");
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'atelier_retired'"),
            "0");
}

TEST(import_swap, missing_file_exits_2_and_leaves_the_live_set) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-missing");
  import_quietly(url, import_testdata("quirks"), (dir.path() / "r.rejects").string());
  copy_fixture(dir.path() / "data");
  fs::remove(dir.path() / "data" / "skus.csv");
  const auto result = run_binary((dir.path() / "data").string(), url);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.output,
            "atelier-import: skus.csv: not found in " + (dir.path() / "data").string() + "\n");
  EXPECT_EQ(query_text(url, live_state_sql), "5@1");
}

TEST(import_swap, wrong_header_exits_2_and_leaves_the_live_set) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-header");
  import_quietly(url, import_testdata("quirks"), (dir.path() / "r.rejects").string());
  copy_fixture(dir.path() / "data");
  std::ofstream(dir.path() / "data" / "photos.csv")
      << "id,style_id,url,thumbnail_url\n1,1,\"a\",\"b\"\n";
  const auto result = run_binary((dir.path() / "data").string(), url);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.output,
            "atelier-import: photos.csv: header is \"id,style_id,url,thumbnail_url\" but expected "
            "\"id,styleId,url,thumbnail_url\"\n");
  EXPECT_EQ(query_text(url, live_state_sql), "5@1");
}

TEST(import_swap, unreachable_database_exits_1_with_one_line) {
  temp_dir dir("atelier-unreachable");
  const auto result =
      run_binary(import_testdata("quirks"),
                 "host=127.0.0.1 port=" + std::to_string(free_port()) + " user=postgres");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output.rfind("atelier-import: cannot connect to the database: ", 0), 0u)
      << result.output;
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1);
}

TEST(import_swap, successful_binary_run_prints_a_summary_with_the_version) {
  const std::string url = import_postgres().create_database();
  temp_dir dir("atelier-binary");
  copy_fixture(dir.path() / "data");
  const auto result = run_binary((dir.path() / "data").string(), url);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("data set version 1"), std::string::npos) << result.output;
  EXPECT_TRUE(fs::exists(dir.path() / "data" / "import.rejects"));
}

}  // namespace
}  // namespace atelier::testing
