// libFuzzer target: one CSV file through import::csv_reader and the row rules of one of the six
// files, checking record framing, the split/re-quote round trip and the COPY text each row yields.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "import/csv_reader.hpp"
#include "import/field_format.hpp"
#include "import/row_rules.hpp"
#include "import/source_files.hpp"

namespace {

using namespace atelier::import;

// Ids pre-loaded as products and styles, so references in fuzzed rows can resolve (the seed
// corpus uses small ids) while larger ones exercise the "unknown" paths.
constexpr std::int32_t preloaded_ids = 64;

void check(bool holds, const char* what, std::string_view line) {
  if (holds) return;
  std::fprintf(stderr, "invariant broken: %s\nline: %.*s\n", what, static_cast<int>(line.size()),
               line.data());
  std::abort();
}

/// RFC 4180 rendering of fields (every field quoted), the inverse of split_csv_line.
std::string quote_fields(const std::vector<std::string_view>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line.push_back('"');
    for (char c : fields[i]) {
      if (c == '"') line.push_back('"');
      line.push_back(c);
    }
    line.push_back('"');
  }
  return line;
}

/// Undoes append_copy_text; nullopt-like empty flag when an escape is not one it writes.
bool copy_unescape(std::string_view column, std::string& text) {
  text.clear();
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (column[i] != '\\') {
      text.push_back(column[i]);
      continue;
    }
    if (++i == column.size()) return false;
    switch (column[i]) {
      case '\\':
        text.push_back('\\');
        break;
      case 't':
        text.push_back('\t');
        break;
      case 'n':
        text.push_back('\n');
        break;
      case 'r':
        text.push_back('\r');
        break;
      default:
        return false;
    }
  }
  return true;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> columns;
  for (;;) {
    const std::size_t tab = line.find('\t');
    columns.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return columns;
    line.remove_prefix(tab + 1);
  }
}

/// Field framing: an ok record re-quoted and split again gives the same fields.
void check_record(const csv_record& record) {
  const std::string_view raw = record.raw;
  check(raw.size() <= csv_reader::max_line_bytes, "raw bounded by max_line_bytes", raw);
  check(raw.find('\n') == std::string_view::npos, "raw holds one physical line", raw);
  if (record.status == csv_status::line_too_long) return;
  check(!raw.empty(), "empty lines are skipped", raw);
  if (record.status != csv_status::ok) {
    check(raw.find('"') != std::string_view::npos, "only quotes make a line malformed", raw);
    return;
  }
  if (raw.find('"') == std::string_view::npos) {
    std::string joined;
    for (std::size_t i = 0; i < record.fields.size(); ++i)
      joined.append(i > 0 ? "," : "").append(record.fields[i]);
    check(joined == raw, "unquoted line == its fields joined by commas", raw);
  }
  std::string storage;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  check(split_csv_line(quote_fields(record.fields), storage, spans) == csv_status::ok,
        "re-quoted line splits", raw);
  check(spans.size() == record.fields.size(), "re-quoted line has the same field count", raw);
  for (std::size_t i = 0; i < spans.size(); ++i)
    check(std::string_view(storage).substr(spans[i].first, spans[i].second) == record.fields[i],
          "re-quoted field round-trips", raw);
}

/// What each field of each file becomes in COPY text (after the id, which every file starts with):
/// i id, c count, t text, n text or null, p price, q price or null, f flag.
constexpr std::string_view column_kinds[source_file_count] = {
    "ttttp",  // product: name, slogan, description, category, default_price
    "itn",    // features: product_id, feature, value
    "itqpf",  // styles: productId, name, sale_price, original_price, default_style
    "itt",    // photos: styleId, url, thumbnail_url
    "itc",    // skus: styleId, size, quantity
    "ii",     // related: current_product_id, related_product_id
};

/// The COPY text one accepted field must have become.
std::string expected_column(char kind, std::string_view field) {
  std::string column;
  if ((kind == 'n' || kind == 'q') && is_null_word(field)) return "\\N";
  switch (kind) {
    case 'i':
      return std::to_string(parse_id(field).value_or(-1));
    case 'c':
      return std::to_string(parse_count(field).value_or(-1));
    case 'p':
    case 'q':
      if (!append_price(column, field)) return "<invalid price>";
      return column;
    case 'f':
      return parse_flag(field).value_or(false) ? "t" : "f";
    default:
      append_copy_text(column, field);
      return column;
  }
}

/// An accepted row: one COPY line, one column per field, the id first, every column the
/// normalised field, and text columns decoding back to the CSV field and storable in Postgres.
void check_copy_line(source_file file, const std::vector<std::string_view>& fields,
                     std::string_view copy_line, std::string_view raw) {
  check(!copy_line.empty() && copy_line.back() == '\n', "COPY line ends in a newline", raw);
  copy_line.remove_suffix(1);
  check(copy_line.find('\n') == std::string_view::npos, "COPY line is one line", raw);
  const auto columns = split_tabs(copy_line);
  check(columns.size() == layout_of(file).field_count, "one COPY column per field", raw);
  const auto id = parse_id(fields[0]);
  check(id && *id >= 1 && columns[0] == std::to_string(*id), "id column is an id >= 1", raw);
  const std::string_view kinds = column_kinds[static_cast<std::size_t>(file)];
  std::string text;
  for (std::size_t i = 1; i < columns.size(); ++i) {
    const char kind = kinds[i - 1];
    check(columns[i] == expected_column(kind, fields[i]), "column is the normalised field", raw);
    if (kind != 't' && !(kind == 'n' && columns[i] != "\\N")) continue;
    check(copy_unescape(columns[i], text) && text == fields[i], "text column round-trips", raw);
    check(is_storable_text(text), "accepted text is UTF-8 without NUL", raw);
  }
}

/// Field formats on their own: normalised prices are fixed points of append_price.
void check_price(std::string_view field) {
  std::string once;
  if (!append_price(once, field)) {
    check(once.empty(), "a rejected price appends nothing", field);
    return;
  }
  const std::size_t point = once.find('.');
  check(point != std::string::npos && point + 3 == once.size() && point >= 1, "price is I.FF",
        field);
  std::string twice;
  check(append_price(twice, once) && twice == once, "normalised price is stable", field);
}

void check_row_rules(source_file file, const csv_record& record, loaded_ids& ids,
                     std::string& copy_text) {
  for (std::string_view field : record.fields) check_price(field);
  const std::size_t before = copy_text.size();
  const std::string_view reason = check_row(file, record.fields, ids, copy_text);
  if (!reason.empty()) {
    check(copy_text.size() == before, "a rejected row appends nothing", record.raw);
    return;
  }
  check_copy_line(file, record.fields, std::string_view(copy_text).substr(before), record.raw);
  std::string again;
  check(check_row(file, record.fields, ids, again) == "duplicate id" && again.empty(),
        "the same row again is a duplicate", record.raw);
}

struct file_closer {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // First byte picks which file's rules apply; the rest is the file body (header included: it
  // is an ordinary row to the reader, and a rejected one to the rules).
  const auto file = static_cast<source_file>(data[0] % source_file_count);
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::unique_ptr<std::FILE, file_closer> stream(
      body.empty() ? std::tmpfile() : fmemopen(body.data(), body.size(), "r"));
  if (!stream) return 0;
  loaded_ids ids;
  for (std::int32_t id = 1; id <= preloaded_ids; ++id) {
    // Only the parents of this file: its own ids must start empty.
    if (file != source_file::product) ids.of(source_file::product).insert(id);
    if (file != source_file::product && file != source_file::styles)
      ids.of(source_file::styles).insert(id);
  }
  csv_reader reader(stream.get());
  csv_record record;
  std::string copy_text;
  std::uint64_t last_line = 0;
  while (reader.next(record)) {
    check(record.line > last_line, "line numbers increase", record.raw);
    last_line = record.line;
    check(reader.bytes_consumed() <= body.size(), "never consumes more than the input", record.raw);
    check_record(record);
    if (record.status == csv_status::ok) check_row_rules(file, record, ids, copy_text);
  }
  check(reader.bytes_consumed() == body.size(), "consumes the whole input", "");
  return 0;
}
