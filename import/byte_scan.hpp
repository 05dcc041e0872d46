// Eight-bytes-at-a-time tests that let the escaping loops skip runs of plain bytes.
#pragma once

#include <cstdint>
#include <cstring>

namespace atelier::import {

inline constexpr std::uint64_t repeated_byte(std::uint8_t byte) {
  return 0x0101010101010101ULL * byte;
}

/// The 8 bytes at p (any alignment, host byte order).
inline std::uint64_t load_word(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

/// True when some byte of word is below `limit` (limit <= 0x80; exact, bytes >= 0x80 never count).
inline bool word_has_byte_below(std::uint64_t word, std::uint8_t limit) {
  return ((word - repeated_byte(limit)) & ~word & repeated_byte(0x80)) != 0;
}

/// True when some byte of word equals `byte`.
inline bool word_has_byte(std::uint64_t word, std::uint8_t byte) {
  return word_has_byte_below(word ^ repeated_byte(byte), 1);
}

}  // namespace atelier::import
