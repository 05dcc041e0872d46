// Unit tests of the streaming CSV reader: quoting, framing, line numbers, BOM, CRLF, bounds.
#include "import/csv_reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace atelier::import {
namespace {

struct parsed {
  std::vector<std::string> fields;
  std::string raw;
  std::uint64_t line;
  csv_status status;
};

std::vector<parsed> read_all(const std::string& text) {
  std::FILE* file = std::tmpfile();
  std::fwrite(text.data(), 1, text.size(), file);
  std::rewind(file);
  csv_reader reader(file);
  csv_record record;
  std::vector<parsed> records;
  while (reader.next(record)) {
    parsed row{{}, std::string(record.raw), record.line, record.status};
    for (auto field : record.fields) row.fields.emplace_back(field);
    records.push_back(row);
  }
  EXPECT_EQ(reader.bytes_consumed(), text.size());
  std::fclose(file);
  return records;
}

using fields = std::vector<std::string>;

TEST(csv_reader, splits_plain_and_quoted_fields) {
  auto rows = read_all("1,\"Camo Onesie\",140\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (fields{"1", "Camo Onesie", "140"}));
  EXPECT_EQ(rows[0].status, csv_status::ok);
  EXPECT_EQ(rows[0].raw, "1,\"Camo Onesie\",140");
}

TEST(csv_reader, doubled_quotes_and_embedded_commas) {
  auto rows = read_all("1,\"say \"\"hi\"\", then, leave\",\"\"\"\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (fields{"1", "say \"hi\", then, leave", "\""}));
}

TEST(csv_reader, empty_fields_quoted_and_unquoted) {
  auto rows = read_all(",\"\",,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (fields{"", "", "", ""}));
}

TEST(csv_reader, unterminated_quote_ends_at_the_newline) {
  auto rows = read_all("1,\"open,2\n3,\"next\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].status, csv_status::unterminated_quote);
  EXPECT_EQ(rows[0].raw, "1,\"open,2");
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].status, csv_status::ok);
  EXPECT_EQ(rows[1].fields, (fields{"3", "next"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(to_reason(csv_status::unterminated_quote), "unterminated quoted field");
}

TEST(csv_reader, text_after_closing_quote_is_malformed) {
  auto rows = read_all("\"a\"b,c\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, csv_status::text_after_quote);
}

TEST(csv_reader, crlf_bom_blank_lines_and_missing_final_newline) {
  auto rows = read_all("\xEF\xBB\xBFid,name\r\n\r\n1,\"x\"\r\n2,y");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (fields{"id", "name"}));
  EXPECT_EQ(rows[0].raw, "id,name");
  EXPECT_EQ(rows[1].fields, (fields{"1", "x"}));
  EXPECT_EQ(rows[1].line, 3u);  // the blank line 2 is skipped but counted
  EXPECT_EQ(rows[2].fields, (fields{"2", "y"}));
  EXPECT_EQ(rows[2].line, 4u);
}

TEST(csv_reader, non_ascii_bytes_pass_through) {
  auto rows = read_all("\"Café Crème\",Ü\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (fields{"Café Crème", "Ü"}));
}

TEST(csv_reader, over_long_line_is_reported_and_skipped) {
  std::string text = "1,a\n" + std::string(csv_reader::max_line_bytes + 10, 'x') + "\n2,b\n";
  auto rows = read_all(text);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].status, csv_status::line_too_long);
  EXPECT_EQ(rows[1].raw.size(), csv_reader::max_line_bytes);
  EXPECT_EQ(rows[2].fields, (fields{"2", "b"}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(csv_reader, lines_spanning_read_chunks_stay_whole) {
  std::string text;
  for (int i = 0; i < 200000; ++i)
    text += std::to_string(i) + ",\"" + std::string(i % 17, 'q') + "\"\n";
  auto rows = read_all(text);
  ASSERT_EQ(rows.size(), 200000u);
  for (int i = 0; i < 200000; i += 997) {
    EXPECT_EQ(rows[i].fields, (fields{std::to_string(i), std::string(i % 17, 'q')}));
    EXPECT_EQ(rows[i].line, static_cast<std::uint64_t>(i + 1));
  }
}

}  // namespace
}  // namespace atelier::import
