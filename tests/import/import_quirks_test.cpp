// Imports the hand-written quirks fixture and checks the rejects file, the loaded rows and the
// documents byte for byte.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/import/import_test_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

constexpr const char* expected_rejects =
    "file,line,reason,raw\n"
    "product.csv,6,duplicate id,\"5,\"\"Duplicate\"\",\"\"dup\"\",\"\"dup\"\",\"\"Kicks\"\",1\"\n"
    "product.csv,7,wrong field count,\"6,\"\"Too few\"\",\"\"fields\"\",\"\"Pants\"\",10\"\n"
    "product.csv,8,invalid default_price,\"7,\"\"Negative "
    "price\"\",\"\"x\"\",\"\"y\"\",\"\"Pants\"\",-1\"\n"
    "features.csv,5,unknown product_id,\"4,99,\"\"Orphan\"\",\"\"x\"\"\"\n"
    "styles.csv,5,unknown productId,\"4,42,\"\"Orphan style\"\",null,10,0\"\n"
    "styles.csv,6,invalid default_style,\"5,3,\"\"Bad flag\"\",null,10,2\"\n"
    "photos.csv,3,unterminated quoted "
    "field,\"2,1,\"\"https://images.unsplash.com/photo-1534011546717-407bced4d25c?w=668&q=80\"\","
    "\"\"https://images.unsplash.com/photo-1534011546717-407bced4d25c?w=300&q=80\"\n"
    "photos.csv,4,wrong field "
    "count,\"3,1,\"\"https://images.unsplash.com/photo-1549831243-a69a0b3d39e0\"\","
    "\"\"?ixlib=rb-1.2.1&w=668&q=80\"\",\"\"https://images.unsplash.com/"
    "photo-1549831243-a69a0b3d39e0?w=300&q=80\"\"\"\n"
    "photos.csv,5,invalid url,\"4,2,\"\"https://images.unsplash.com/photo-15\"\","
    "\"\"https://images.unsplash.com/photo-1549831243-a69a0b3d39e0?w=300&q=80\"\"\"\n"
    "photos.csv,7,unknown "
    "styleId,\"6,9,\"\"https://example.com/a.jpg\"\",\"\"https://example.com/b.jpg\"\"\"\n"
    "photos.csv,8,invalid url,\"7,2,\"\"https://example.com/a "
    "b.jpg\"\",\"\"https://example.com/b.jpg\"\"\"\n"
    "skus.csv,5,invalid quantity,\"4,2,\"\"8\"\",-3\"\n"
    "skus.csv,6,invalid quantity,\"5,2,\"\"9\"\",many\"\n"
    "skus.csv,7,unknown styleId,\"6,77,\"\"10\"\",1\"\n"
    "skus.csv,8,duplicate id,\"2,3,\"\"One Size\"\",5\"\n"
    "related.csv,4,invalid related reference,\"3,1,0\"\n"
    "related.csv,5,invalid related reference,\"4,1,1\"\n"
    "related.csv,6,invalid related reference,\"5,1,12345\"\n"
    "related.csv,8,unknown current_product_id,\"7,404,1\"\n"
    "related.csv,9,wrong field count,\"8,2,3,4\"\n";

class quirks_import : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_url_ = new std::string(import_postgres().create_database());
    rejects_dir_ = new temp_dir("atelier-rejects");
    summary_ = new import::import_summary(import_quietly(
        *database_url_, import_testdata("quirks"), (rejects_dir_->path() / "r.rejects").string()));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete rejects_dir_;
    delete database_url_;
  }
  static std::string rows_of(const std::string& table) {
    return query_text(
        *database_url_,
        "SELECT string_agg(t::text, E'\\n' ORDER BY id) FROM atelier." + table + " t");
  }
  static std::string document(const std::string& column, int product_id) {
    return query_text(*database_url_, "SELECT " + column +
                                          " FROM atelier.product_document WHERE product_id = " +
                                          std::to_string(product_id));
  }
  static inline std::string* database_url_ = nullptr;
  static inline temp_dir* rejects_dir_ = nullptr;
  static inline import::import_summary* summary_ = nullptr;
};

TEST_F(quirks_import, rejects_file_names_file_line_reason_and_raw_row) {
  EXPECT_EQ(read_file_text(rejects_dir_->path() / "r.rejects"), expected_rejects);
  EXPECT_EQ(summary_->rows_rejected(), 20u);
  EXPECT_EQ(summary_->rows_loaded(), 22u);
  EXPECT_EQ(summary_->dataset_version, 1);
}

TEST_F(quirks_import, loads_exactly_the_clean_rows) {
  EXPECT_EQ(rows_of("product"),
            "(1,\"Camo Onesie\",\"Blend in to your crowd\",\"The So Fatigues will wake you up and "
            "fit you in.\","
            "Jackets,140.00)\n"
            "(2,\"Bright Future Sunglasses\",\"You've got to see it to believe it\",\"Where you're "
            "going, you might "
            "not need roads, but you definitely need \"\"sunglasses\"\".\",Accessories,69.50)\n"
            "(3,\"Morning Joggers\",\"Make yourself a morning person\",\"Whether you're a morning "
            "person or not, "
            "these joggers, plain and simple, are comfy.\",Pants,40.13)\n"
            "(5,\"Café Crème Ü\",\"Ünïcödé, ça va\",\"Tab\tand back\\\\slash\",Kicks,0.00)\n"
            "(8,Tiny,\"\",\"\",Misc,12.50)");
  EXPECT_EQ(rows_of("feature"),
            "(1,1,Fabric,Canvas)\n(2,1,Buttons,)\n(3,2,Lenses,\"Ultrasheen, "
            "\"\"polarized\"\"\")\n(5,2,Frame,)");
  EXPECT_EQ(
      rows_of("style"),
      "(1,1,\"Forest Green & Black\",,140.00,t)\n(2,1,\"Desert Brown & Tan\",100.00,140.00,f)\n"
      "(3,2,\"Black Lenses & Black Frame\",,69.50,t)\n(7,3,\"Gap after 5\",20.00,40.00,f)");
  EXPECT_EQ(
      rows_of("photo"),
      "(1,1,https://images.unsplash.com/photo-1501088430049-71c79fa3283e?ixlib=rb-1.2.1&w=668&q=80,"
      "https://images.unsplash.com/photo-1501088430049-71c79fa3283e?ixlib=rb-1.2.1&w=300&q=80)\n"
      "(5,2,https://example.com/img/shoe.jpg,http://example.com/img/shoe-small.jpg)");
  EXPECT_EQ(rows_of("sku"), "(1,1,XS,8)\n(2,1,S,16)\n(3,2,7.5,0)\n(8,3,\"One Size\",5)");
  EXPECT_EQ(rows_of("related"), "(1,1,2)\n(2,1,3)\n(6,2,1)");
}

TEST_F(quirks_import, product_documents_match_the_contract_bytes) {
  const std::string stamp =
      document("summary_json", 1)
          .substr(document("summary_json", 1).find("\"created_at\":\"") + 14, 24);
  ASSERT_EQ(stamp.size(), 24u);
  EXPECT_EQ(stamp[10], 'T');
  EXPECT_EQ(stamp.back(), 'Z');
  const std::string times = "\"created_at\":\"" + stamp + "\",\"updated_at\":\"" + stamp + "\"";
  const std::string head1 =
      "{\"id\":1,\"campus\":\"hr-rfp\",\"name\":\"Camo Onesie\",\"slogan\":\"Blend in to your "
      "crowd\","
      "\"description\":\"The So Fatigues will wake you up and fit you "
      "in.\",\"category\":\"Jackets\","
      "\"default_price\":\"140.00\"," +
      times;
  EXPECT_EQ(document("summary_json", 1), head1 + "}");
  EXPECT_EQ(document("product_json", 1),
            head1 +
                ",\"features\":[{\"feature\":\"Fabric\",\"value\":\"Canvas\"},{\"feature\":"
                "\"Buttons\",\"value\":null}]}");
  EXPECT_EQ(
      document("styles_json", 1),
      "{\"product_id\":\"1\",\"results\":[{\"style_id\":1,\"name\":\"Forest Green & Black\","
      "\"original_price\":\"140.00\",\"sale_price\":null,\"default?\":true,\"photos\":[{"
      "\"thumbnail_url\":"
      "\"https://images.unsplash.com/"
      "photo-1501088430049-71c79fa3283e?ixlib=rb-1.2.1&w=300&q=80\",\"url\":"
      "\"https://images.unsplash.com/"
      "photo-1501088430049-71c79fa3283e?ixlib=rb-1.2.1&w=668&q=80\"}],"
      "\"skus\":{\"1\":{\"quantity\":8,\"size\":\"XS\"},\"2\":{\"quantity\":16,\"size\":\"S\"}}},"
      "{\"style_id\":2,\"name\":\"Desert Brown & "
      "Tan\",\"original_price\":\"140.00\",\"sale_price\":\"100.00\","
      "\"default?\":false,\"photos\":[{\"thumbnail_url\":\"http://example.com/img/"
      "shoe-small.jpg\",\"url\":"
      "\"https://example.com/img/"
      "shoe.jpg\"}],\"skus\":{\"3\":{\"quantity\":0,\"size\":\"7.5\"}}}]}");
  EXPECT_EQ(document("related_json", 1), "[2,3]");
  // Escaped quotes in text, a null feature value, a style without photos.
  EXPECT_EQ(document("product_json", 2).substr(document("product_json", 2).find("\"features\"")),
            "\"features\":[{\"feature\":\"Lenses\",\"value\":\"Ultrasheen, \\\"polarized\\\"\"},"
            "{\"feature\":\"Frame\",\"value\":null}]}");
  EXPECT_EQ(
      document("styles_json", 2),
      "{\"product_id\":\"2\",\"results\":[{\"style_id\":3,\"name\":\"Black Lenses & Black Frame\","
      "\"original_price\":\"69.50\",\"sale_price\":null,\"default?\":true,\"photos\":[],"
      "\"skus\":{\"8\":{\"quantity\":5,\"size\":\"One Size\"}}}]}");
  EXPECT_EQ(document("related_json", 2), "[1]");
  // No features, a style with neither photos nor skus, rounded prices, no related rows.
  EXPECT_NE(document("product_json", 3).find("\"default_price\":\"40.13\""), std::string::npos);
  EXPECT_EQ(document("product_json", 3).substr(document("product_json", 3).find("\"features\"")),
            "\"features\":[]}");
  EXPECT_EQ(document("styles_json", 3),
            "{\"product_id\":\"3\",\"results\":[{\"style_id\":7,\"name\":\"Gap after "
            "5\",\"original_price\":"
            "\"40.00\",\"sale_price\":\"20.00\",\"default?\":false,\"photos\":[],\"skus\":{}}]}");
  EXPECT_EQ(document("related_json", 3), "[]");
  // Non-ASCII preserved, JSON escapes for tab and backslash, no styles at all.
  EXPECT_EQ(
      document("summary_json", 5),
      "{\"id\":5,\"campus\":\"hr-rfp\",\"name\":\"Café Crème Ü\",\"slogan\":\"Ünïcödé, ça va\","
      "\"description\":\"Tab\\tand "
      "back\\\\slash\",\"category\":\"Kicks\",\"default_price\":\"0.00\"," +
          times + "}");
  EXPECT_EQ(document("styles_json", 5), "{\"product_id\":\"5\",\"results\":[]}");
}

TEST_F(quirks_import, ranks_follow_id_order_without_gaps) {
  EXPECT_EQ(query_text(*database_url_,
                       "SELECT string_agg(product_id || ':' || rank, ',' ORDER BY rank) FROM "
                       "atelier.product_document"),
            "1:1,2:2,3:3,5:4,8:5");
}

TEST_F(quirks_import, records_the_data_set_in_atelier_meta) {
  EXPECT_EQ(query_text(*database_url_,
                       "SELECT version || ' ' || layout_version || ' ' || rejected_rows || ' ' || "
                       "row_counts::text FROM atelier_meta.dataset"),
            "1 1 20 {\"sku\": 4, \"photo\": 2, \"style\": 4, \"feature\": 4, \"product\": 5, "
            "\"related\": 3}");
}

}  // namespace
}  // namespace atelier::testing
