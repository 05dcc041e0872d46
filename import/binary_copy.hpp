// PostgreSQL's binary COPY format (docs: COPY, "Binary Format"): what the importer sends for every
// table, so the server stores values without scanning, unescaping or parsing text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace atelier::import::binary_copy {

/// Signature, flags and header-extension length; copy_stream sends it before the first tuple.
inline constexpr std::string_view header{"PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19};
/// A field count of -1 ends the data.
inline constexpr std::string_view trailer{"\377\377", 2};

/// Writes value big-endian into the four bytes at `at`.
inline void store_uint32(char* at, std::uint32_t value) {
  at[0] = static_cast<char>(value >> 24);
  at[1] = static_cast<char>(value >> 16);
  at[2] = static_cast<char>(value >> 8);
  at[3] = static_cast<char>(value);
}

inline void append_uint32(std::string& out, std::uint32_t value) {
  char bytes[4];
  store_uint32(bytes, value);
  out.append(bytes, 4);
}

inline void append_uint16(std::string& out, std::uint16_t value) {
  const char bytes[2] = {static_cast<char>(value >> 8), static_cast<char>(value)};
  out.append(bytes, 2);
}

/// Starts a tuple of `field_count` fields; exactly that many append_* calls must follow.
inline void begin_tuple(std::string& out, std::uint16_t field_count) {
  append_uint16(out, field_count);
}

inline void append_null(std::string& out) {
  append_uint32(out, 0xFFFFFFFFu);
}

inline void append_int4(std::string& out, std::int32_t value) {
  append_uint32(out, 4);
  append_uint32(out, static_cast<std::uint32_t>(value));
}

inline void append_bool(std::string& out, bool value) {
  append_uint32(out, 1);
  out.push_back(value ? '\1' : '\0');
}

/// A text field: the bytes as they are (the caller has checked they are UTF-8 without NUL).
inline void append_text(std::string& out, std::string_view text) {
  append_uint32(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

/// A text field written in place by `write(out)`; its length is patched in afterwards.
template <typename writer>
void append_text_written_by(std::string& out, writer&& write) {
  const std::size_t length_at = out.size();
  out.append(4, '\0');
  write(out);
  store_uint32(&out[length_at], static_cast<std::uint32_t>(out.size() - length_at - 4));
}

/// A numeric field worth cents / 100 with display scale 2 (what numeric(12,2) stores);
/// 0 <= cents < 10^12, as parse_price_cents returns them.
void append_numeric_cents(std::string& out, std::int64_t cents);

}  // namespace atelier::import::binary_copy
