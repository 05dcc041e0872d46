// Strong ETags from a word-at-a-time 64-bit body hash, and the If-None-Match list matcher.
#include "http/etag.hpp"

#include <cstdint>
#include <cstring>

namespace atelier::http {
namespace {

// MurmurHash64A's constants (Austin Appleby, public domain): eight bytes per step, so hashing a
// 2 KiB document costs a few hundred instructions instead of FNV-1a's byte-at-a-time thousands.
constexpr std::uint64_t murmur_multiplier = 0xc6a4a7935bd1e995ULL;
constexpr int murmur_shift = 47;
constexpr std::uint64_t murmur_seed =
    0x61746c6965722d31ULL;  // any fixed value: tags must be stable

std::uint64_t mix(std::uint64_t word) noexcept {
  word *= murmur_multiplier;
  word ^= word >> murmur_shift;
  return word * murmur_multiplier;
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// The opaque-tag without W/ prefix, for weak comparison.
std::string_view opaque_tag(std::string_view tag) noexcept {
  tag = trim(tag);
  if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

}  // namespace

std::uint64_t body_hash(std::string_view body) noexcept {
  std::uint64_t hash = murmur_seed ^ (body.size() * murmur_multiplier);
  const char* data = body.data();
  std::size_t words = body.size() / 8;
  for (std::size_t i = 0; i < words; ++i, data += 8) {
    std::uint64_t word;
    std::memcpy(&word, data, sizeof word);  // unaligned-safe; compiles to one load
    hash ^= mix(word);
    hash *= murmur_multiplier;
  }
  if (body.size() % 8 != 0) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, data, body.size() % 8);
    hash ^= tail;
    hash *= murmur_multiplier;
  }
  hash ^= hash >> murmur_shift;
  hash *= murmur_multiplier;
  return hash ^ (hash >> murmur_shift);
}

std::string strong_etag(std::string_view body, std::string_view suffix) {
  return strong_etag_of_hash(body_hash(body), suffix);
}

std::string strong_etag_of_hash(std::uint64_t hash, std::string_view suffix) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string tag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) tag.push_back(hex_digits[(hash >> shift) & 0xF]);
  tag.append(suffix);
  tag.push_back('"');
  return tag;
}

bool if_none_match_matches(std::string_view header, std::string_view etag) noexcept {
  header = trim(header);
  if (header == "*") return true;
  std::string_view wanted = opaque_tag(etag);
  while (!header.empty()) {
    // quoted tags cannot contain commas (etagc excludes DQUOTE only, but our tags never hold
    // commas)
    std::size_t comma = header.find(',');
    std::string_view candidate = opaque_tag(header.substr(0, comma));
    if (!candidate.empty() && candidate == wanted) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace atelier::http
