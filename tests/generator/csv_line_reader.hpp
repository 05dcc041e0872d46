// A small RFC 4180 reader for one CSV line (no embedded newlines), used to check generated files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atelier::generator::testing {

/// One parsed field: its unescaped text and whether it was quoted (bare `null` vs "null").
struct csv_field {
  std::string text;
  bool quoted = false;
};

/// Why a line is not valid RFC 4180.
enum class csv_line_status {
  ok,
  unterminated_quote,
  text_after_closing_quote,
  quote_in_bare_field
};

/// Splits `line` into fields; `""` inside a quoted field is one `"`. Returns the first structural
/// problem found; `fields` is then incomplete.
inline csv_line_status read_csv_line(std::string_view line, std::vector<csv_field>& fields) {
  fields.clear();
  std::size_t at = 0;
  for (;;) {
    csv_field field;
    if (at < line.size() && line[at] == '"') {
      field.quoted = true;
      ++at;
      for (;;) {
        if (at >= line.size()) return csv_line_status::unterminated_quote;
        if (line[at] == '"') {
          if (at + 1 < line.size() && line[at + 1] == '"') {
            field.text.push_back('"');
            at += 2;
            continue;
          }
          ++at;
          break;
        }
        field.text.push_back(line[at++]);
      }
      if (at < line.size() && line[at] != ',') return csv_line_status::text_after_closing_quote;
    } else {
      const std::size_t end = std::min(line.find(',', at), line.size());
      field.text.assign(line.substr(at, end - at));
      if (field.text.find('"') != std::string::npos) return csv_line_status::quote_in_bare_field;
      at = end;
    }
    fields.push_back(std::move(field));
    if (at >= line.size()) return csv_line_status::ok;
    ++at;  // skip the ','
  }
}

}  // namespace atelier::generator::testing
