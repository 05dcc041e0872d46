// PostgreSQL-compatible JSON string escaping and integer formatting for document fragments.
#include "import/json_text.hpp"

#include <array>

#include "import/byte_scan.hpp"

namespace atelier::import {
namespace {

// 0 = copy the byte, otherwise the second character of a two-character escape, or 'u' for \u00xx.
constexpr std::array<char, 256> make_escape_table() {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = 'u';
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}

constexpr std::array<char, 256> escape_table = make_escape_table();

// True when none of the 8 bytes at p needs an escape (the usual case: URLs, names).
bool plain_word(const char* p) {
  const std::uint64_t word = load_word(p);
  return !word_has_byte_below(word, 0x20) && !word_has_byte(word, '"') &&
         !word_has_byte(word, '\\');
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && plain_word(text.data() + i)) {
      i += 8;
      continue;
    }
    const char escape = escape_table[static_cast<unsigned char>(text[i])];
    if (escape == 0) {
      ++i;
      continue;
    }
    out.append(text.data() + start, i - start);
    out.push_back('\\');
    out.push_back(escape);
    if (escape == 'u') {
      constexpr char hex[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(text[i]);
      out.append("00");
      out.push_back(hex[byte >> 4]);
      out.push_back(hex[byte & 0xF]);
    }
    start = ++i;
  }
  out.append(text.data() + start, text.size() - start);
  out.push_back('"');
}

void append_decimal(std::string& out, std::int64_t value) {
  char digits[24];
  std::size_t length = 0;
  const bool negative = value < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : value;
  do {
    digits[length++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) out.push_back('-');
  while (length > 0) out.push_back(digits[--length]);
}

}  // namespace atelier::import
