// libFuzzer target: one CSV file through import::csv_reader and the row rules of one of the six
// files, checking record framing, the split/re-quote round trip and the binary COPY tuple each row
// yields.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
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

/// One field of a binary COPY tuple: its bytes, or nullopt for NULL.
using copy_field = std::optional<std::string_view>;

std::uint32_t read_big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t k = 0; k < width; ++k)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + k]);
  return value;
}

/// Splits exactly one binary COPY tuple into its fields; false when the bytes are not one tuple.
bool split_tuple(std::string_view tuple, std::vector<copy_field>& fields) {
  fields.clear();
  if (tuple.size() < 2) return false;
  const std::uint32_t count = read_big_endian(tuple, 0, 2);
  std::size_t at = 2;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (at + 4 > tuple.size()) return false;
    const std::uint32_t length = read_big_endian(tuple, at, 4);
    at += 4;
    if (length == 0xFFFFFFFFu) {
      fields.emplace_back(std::nullopt);
      continue;
    }
    if (length > tuple.size() - at) return false;
    fields.emplace_back(tuple.substr(at, length));
    at += length;
  }
  return at == tuple.size();
}

/// A binary numeric as Postgres prints a numeric(12,2) (`I.FF`), decoded from its base-10000
/// digits on its own terms; "<bad numeric>" when it is not a stripped, positive, scale-2 value.
std::string numeric_text(std::string_view field) {
  if (field.size() < 8) return "<bad numeric>";
  const std::uint32_t ndigits = read_big_endian(field, 0, 2);
  const auto weight = static_cast<std::int16_t>(read_big_endian(field, 2, 2));
  if (field.size() != 8 + 2 * ndigits || read_big_endian(field, 4, 2) != 0 ||
      read_big_endian(field, 6, 2) != 2)
    return "<bad numeric>";
  std::int64_t cents = 0;
  for (std::uint32_t i = 0; i < ndigits; ++i) {
    const std::uint32_t digit = read_big_endian(field, 8 + 2 * i, 2);
    const int power = weight - static_cast<int>(i);
    const bool stripped = (i > 0 && i + 1 < ndigits) || digit != 0;
    if (digit >= 10000 || !stripped || power < -1 || power > 2) return "<bad numeric>";
    if (power == -1) {
      if (digit % 100 != 0) return "<bad numeric>";
      cents += digit / 100;
      continue;
    }
    std::int64_t scale = 100;
    for (int p = 0; p < power; ++p) scale *= 10000;
    cents += digit * scale;
  }
  std::string text = std::to_string(cents / 100) + ".";
  text.push_back(static_cast<char>('0' + cents % 100 / 10));
  text.push_back(static_cast<char>('0' + cents % 10));
  return text;
}

/// A field decoded by its column kind (see column_kinds) into the text Postgres would print.
std::string decoded_column(char kind, const copy_field& field) {
  if (!field) return "\\N";
  switch (kind) {
    case 'i':
    case 'c':
      if (field->size() != 4) return "<bad int4>";
      return std::to_string(static_cast<std::int32_t>(read_big_endian(*field, 0, 4)));
    case 'p':
    case 'q':
      return numeric_text(*field);
    case 'f':
      if (*field == std::string_view("\1", 1)) return "t";
      if (*field == std::string_view("\0", 1)) return "f";
      return "<bad bool>";
    default:
      return std::string(*field);
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

/// What each field of each file becomes in COPY (after the id, which every file starts with):
/// i id, c count, t text, n text or null, p price, q price or null, f flag.
constexpr std::string_view column_kinds[source_file_count] = {
    "ttttp",  // product: name, slogan, description, category, default_price
    "itn",    // features: product_id, feature, value
    "itqpf",  // styles: productId, name, sale_price, original_price, default_style
    "itt",    // photos: styleId, url, thumbnail_url
    "itc",    // skus: styleId, size, quantity
    "ii",     // related: current_product_id, related_product_id
};

/// The value one accepted field must have become, as decoded_column prints it.
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
      return std::string(field);
  }
}

/// An accepted row: one binary tuple, one field per CSV field, the id first, every field the
/// normalised CSV field, and text fields exactly the CSV bytes and storable in Postgres.
void check_copy_tuple(source_file file, const std::vector<std::string_view>& fields,
                      std::string_view tuple, std::string_view raw) {
  std::vector<copy_field> columns;
  check(split_tuple(tuple, columns), "row is exactly one binary tuple", raw);
  check(columns.size() == layout_of(file).field_count, "one COPY field per CSV field", raw);
  const auto id = parse_id(fields[0]);
  check(id && *id >= 1 && decoded_column('i', columns[0]) == std::to_string(*id),
        "id column is an id >= 1", raw);
  const std::string_view kinds = column_kinds[static_cast<std::size_t>(file)];
  for (std::size_t i = 1; i < columns.size(); ++i) {
    const char kind = kinds[i - 1];
    check(decoded_column(kind, columns[i]) == expected_column(kind, fields[i]),
          "column is the normalised field", raw);
    if (kind != 't' && !(kind == 'n' && columns[i])) continue;
    check(columns[i] == fields[i], "text column is the CSV field", raw);
    check(is_storable_text(*columns[i]), "accepted text is UTF-8 without NUL", raw);
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
                     std::string& copy_tuples) {
  for (std::string_view field : record.fields) check_price(field);
  const std::size_t before = copy_tuples.size();
  const std::string_view reason = check_row(file, record.fields, ids, copy_tuples);
  if (!reason.empty()) {
    check(copy_tuples.size() == before, "a rejected row appends nothing", record.raw);
    return;
  }
  check_copy_tuple(file, record.fields, std::string_view(copy_tuples).substr(before), record.raw);
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
  std::string copy_tuples;
  std::uint64_t last_line = 0;
  while (reader.next(record)) {
    check(record.line > last_line, "line numbers increase", record.raw);
    last_line = record.line;
    check(reader.bytes_consumed() <= body.size(), "never consumes more than the input", record.raw);
    check_record(record);
    if (record.status == csv_status::ok) check_row_rules(file, record, ids, copy_tuples);
  }
  check(reader.bytes_consumed() == body.size(), "consumes the whole input", "");
  return 0;
}
