// Unit tests of the field rules: ids, prices, flags, urls, text storability and price cents.
#include "import/field_format.hpp"

#include <gtest/gtest.h>

namespace atelier::import {
namespace {

std::string price(std::string_view field) {
  std::string out;
  return append_price(out, field) ? out : "rejected";
}

TEST(field_format, ids_are_positive_32_bit) {
  EXPECT_EQ(parse_id("1"), 1);
  EXPECT_EQ(parse_id("2147483647"), 2147483647);
  EXPECT_FALSE(parse_id("0"));
  EXPECT_FALSE(parse_id("-1"));
  EXPECT_FALSE(parse_id("2147483648"));
  EXPECT_FALSE(parse_id("99999999999999999999"));
  EXPECT_FALSE(parse_id("1e3"));
  EXPECT_FALSE(parse_id(""));
  EXPECT_FALSE(parse_id(" 1"));
  EXPECT_EQ(parse_count("0"), 0);
  EXPECT_FALSE(parse_count("-3"));
  EXPECT_FALSE(parse_count("many"));
}

TEST(field_format, prices_round_half_up_to_two_decimals) {
  EXPECT_EQ(price("140"), "140.00");
  EXPECT_EQ(price("69.5"), "69.50");
  EXPECT_EQ(price("12.99"), "12.99");
  EXPECT_EQ(price("40.125"), "40.13");
  EXPECT_EQ(price("19.999"), "20.00");
  EXPECT_EQ(price("0"), "0.00");
  EXPECT_EQ(price("007.10"), "7.10");
  EXPECT_EQ(price("9999999999.99"), "9999999999.99");
  EXPECT_EQ(price("9999999999.995"), "rejected");  // rounds past numeric(12,2)
  EXPECT_EQ(price("-1"), "rejected");
  EXPECT_EQ(price("1."), "rejected");
  EXPECT_EQ(price(".5"), "rejected");
  EXPECT_EQ(price("1e2"), "rejected");
  EXPECT_EQ(price("null"), "rejected");
  EXPECT_EQ(price(""), "rejected");
}

TEST(field_format, flags_and_null_words) {
  EXPECT_EQ(parse_flag("1"), true);
  EXPECT_EQ(parse_flag("0"), false);
  EXPECT_EQ(parse_flag("true"), true);
  EXPECT_EQ(parse_flag("FALSE"), false);
  EXPECT_FALSE(parse_flag("2"));
  EXPECT_TRUE(is_null_word("null"));
  EXPECT_TRUE(is_null_word(""));
  EXPECT_FALSE(is_null_word("NULLS"));
}

TEST(field_format, urls_must_look_complete) {
  EXPECT_TRUE(is_complete_url(
      "https://images.unsplash.com/photo-1501088430049-71c79fa3283e?ixlib=rb-1.2.1&w=668&q=80"));
  EXPECT_TRUE(is_complete_url("http://example.com/img/shoe.jpg"));
  EXPECT_FALSE(is_complete_url("https://images.unsplash.com/photo-15"));  // truncated key, no query
  EXPECT_FALSE(is_complete_url("https://images.unsplash.com/"));
  EXPECT_FALSE(is_complete_url("https://images"));
  EXPECT_FALSE(is_complete_url("https://example.com/a.jpg?w="));
  EXPECT_FALSE(is_complete_url("ftp://example.com/a.jpg"));
  EXPECT_FALSE(is_complete_url("https://example.com/a b.jpg"));
  EXPECT_FALSE(is_complete_url("https://example.com/a\".jpg"));
  EXPECT_FALSE(is_complete_url("?ixlib=rb-1.2.1&w=668&q=80"));
}

TEST(field_format, storable_text_is_utf8_without_nul) {
  EXPECT_TRUE(is_storable_text("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(is_storable_text("Café Crème Ü — ok 😀"));
  EXPECT_FALSE(is_storable_text(std::string_view("a\0b", 3)));
  EXPECT_FALSE(is_storable_text("bad \xC3("));
  EXPECT_FALSE(is_storable_text("overlong \xC0\xAF"));
  EXPECT_FALSE(is_storable_text("surrogate \xED\xA0\x80"));
  EXPECT_FALSE(is_storable_text("cut \xE2\x82"));
}

TEST(field_format, price_cents_are_the_rounded_value_times_100) {
  EXPECT_EQ(parse_price_cents("140"), 14000);
  EXPECT_EQ(parse_price_cents("12.999"), 1300);
  EXPECT_EQ(parse_price_cents("0.5"), 50);
  EXPECT_EQ(parse_price_cents("00000000000000000001.00"), 100);  // leading zeros do not count
  EXPECT_EQ(parse_price_cents("9999999999.994"), 999999999999);
  EXPECT_EQ(parse_price_cents("9999999999.995"), std::nullopt);
  EXPECT_EQ(parse_price_cents("12345678901"), std::nullopt);
  EXPECT_EQ(parse_price_cents("1.2x"), std::nullopt);
}

}  // namespace
}  // namespace atelier::import
