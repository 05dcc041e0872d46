// The binary COPY encoder against a real Postgres: what the server stores for each field kind,
// numeric edge values included (digit groups of zeros, cents only, the largest numeric(12,2)).
#include "import/binary_copy.hpp"

#include <gtest/gtest.h>

#include "import/copy_writer.hpp"
#include "tests/import/import_test_support.hpp"

namespace atelier::import {
namespace {

using testing::import_postgres;
using testing::query_text;

// Copies one tuple per price (with an int, a bool, a text and a NULL beside it) and returns the
// table as Postgres prints it.
std::string stored_rows(const std::vector<std::int64_t>& prices) {
  const std::string url = import_postgres().create_database();
  copy_connection connection(url);
  connection.exec("BEGIN");
  connection.exec(
      "CREATE TABLE t (n integer, price numeric(12,2), flag boolean, label text, missing text)");
  {
    copy_stream stream(connection, "t", "n, price, flag, label, missing");
    int n = 0;
    for (std::int64_t cents : prices) {
      binary_copy::begin_tuple(stream.buffer(), 5);
      binary_copy::append_int4(stream.buffer(), ++n);
      binary_copy::append_numeric_cents(stream.buffer(), cents);
      binary_copy::append_bool(stream.buffer(), n % 2 == 0);
      binary_copy::append_text(stream.buffer(), "tab\tback\\slash\nü");
      binary_copy::append_null(stream.buffer());
    }
    EXPECT_EQ(stream.finish(), prices.size());
  }
  connection.exec("COMMIT");
  return query_text(url,
                    "SELECT string_agg(price::text || ' ' || flag || ' ' || (label = "
                    "E'tab\\tback\\\\slash\\nü') || ' ' || (missing IS NULL), ',' ORDER BY n) "
                    "FROM t");
}

TEST(binary_copy, postgres_stores_the_numeric_cents_ints_bools_text_and_nulls_sent) {
  EXPECT_EQ(stored_rows({0, 1, 50, 100, 1250, 999999, 1000000, 1000001}),
            "0.00 false true true,0.01 true true true,0.50 false true true,1.00 true true true,"
            "12.50 false true true,9999.99 true true true,10000.00 false true true,"
            "10000.01 true true true");
}

TEST(binary_copy, numeric_digit_groups_of_zeros_keep_their_weight) {
  // Base-10000 groups 1|0000|0000.00, 1|0000|0001.01, and the largest numeric(12,2).
  EXPECT_EQ(stored_rows({10000000000, 10000000101, 234567890123, 999999999999}),
            "100000000.00 false true true,100000001.01 true true true,"
            "2345678901.23 false true true,9999999999.99 true true true");
}

}  // namespace
}  // namespace atelier::import
