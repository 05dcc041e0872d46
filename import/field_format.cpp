// Field value rules shared by every file's row checks; all functions are pure and allocation-free.
#include "import/field_format.hpp"

#include <cstring>

#include "import/json_text.hpp"

namespace atelier::import {
namespace {

// numeric(12,2) holds at most 10 digits before the point.
constexpr std::size_t max_price_integer_digits = 10;
constexpr std::int64_t max_price_cents = 1'000'000'000'000;  // 10^10 in cents
constexpr std::int64_t max_int32 = 2147483647;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::optional<std::int64_t> parse_digits(std::string_view field) {
  if (field.empty()) return std::nullopt;
  if (field.size() <= 9) {
    // Nine digits cannot overflow an int32: no range check per digit (ids are this short).
    std::int64_t value = 0;
    for (char c : field) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value;
  }
  std::int64_t value = 0;
  for (char c : field) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > max_int32) return std::nullopt;
  }
  return value;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (lower(text[i]) != word[i]) return false;
  return true;
}

// Length of the UTF-8 sequence starting at s[i] if well formed (no overlongs, no surrogates), else
// 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  const auto continuation = [&](std::size_t k, unsigned char low, unsigned char high) {
    return k < s.size() && byte(k) >= low && byte(k) <= high;
  };
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(i + 1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(i + 1, low, high) && continuation(i + 2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(i + 1, low, high) && continuation(i + 2, 0x80, 0xBF) &&
                   continuation(i + 3, 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

}  // namespace

std::optional<std::int32_t> parse_id(std::string_view field) {
  auto value = parse_digits(field);
  if (!value || *value == 0) return std::nullopt;
  return static_cast<std::int32_t>(*value);
}

std::optional<std::int32_t> parse_count(std::string_view field) {
  auto value = parse_digits(field);
  if (!value) return std::nullopt;
  return static_cast<std::int32_t>(*value);
}

std::optional<std::int64_t> parse_price_cents(std::string_view field) {
  const std::size_t point = field.find('.');
  std::string_view whole = field.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : field.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty())) return std::nullopt;
  for (char c : fraction)
    if (!is_digit(c)) return std::nullopt;
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  // Checked before accumulating, so the value below cannot overflow.
  if (whole.size() > max_price_integer_digits) return std::nullopt;
  std::int64_t cents = 0;
  for (char c : whole) {
    if (!is_digit(c)) return std::nullopt;
    cents = cents * 10 + (c - '0');
  }
  cents = cents * 100 + (fraction.size() > 0 ? (fraction[0] - '0') * 10 : 0) +
          (fraction.size() > 1 ? fraction[1] - '0' : 0);
  if (fraction.size() > 2 && fraction[2] >= '5') ++cents;
  if (cents >= max_price_cents) return std::nullopt;
  return cents;
}

bool append_price(std::string& out, std::string_view field) {
  const auto cents = parse_price_cents(field);
  if (!cents) return false;
  append_decimal(out, *cents / 100);
  const auto hundredths = static_cast<int>(*cents % 100);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + hundredths / 10));
  out.push_back(static_cast<char>('0' + hundredths % 10));
  return true;
}

std::optional<bool> parse_flag(std::string_view field) {
  if (field == "1" || equals_ignoring_case(field, "true")) return true;
  if (field == "0" || equals_ignoring_case(field, "false")) return false;
  return std::nullopt;
}

bool is_null_word(std::string_view field) {
  return field.empty() || field == "null";
}

bool is_complete_url(std::string_view url) {
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '"') return false;
  }
  std::string_view rest;
  if (url.substr(0, 7) == "http://")
    rest = url.substr(7);
  else if (url.substr(0, 8) == "https://")
    rest = url.substr(8);
  else
    return false;
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view host = rest.substr(0, slash);
  if (host.empty() || host.find('.') == std::string_view::npos || host.back() == '.') return false;
  const std::string_view path_and_query = rest.substr(slash + 1);
  const std::size_t question = path_and_query.find('?');
  const std::string_view path = path_and_query.substr(0, question);
  if (path.empty()) return false;
  if (question != std::string_view::npos) {
    const std::string_view query = path_and_query.substr(question + 1);
    return query.find('=') != std::string_view::npos && query.back() != '=' && query.back() != '&';
  }
  const std::size_t last_slash = path.rfind('/');
  const std::string_view last_segment =
      last_slash == std::string_view::npos ? path : path.substr(last_slash + 1);
  const std::size_t dot = last_segment.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < last_segment.size();
}

bool is_storable_text(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // Fast path: eight ASCII bytes without NUL at once.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      const bool ascii = (word & 0x8080808080808080ULL) == 0;
      const bool has_zero = ((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) != 0;
      if (ascii && !has_zero) {
        i += 8;
        continue;
      }
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0) return false;
    if (byte < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace atelier::import
