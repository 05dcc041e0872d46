// FNV-1a based strong ETags and the If-None-Match list matcher.
#include "http/etag.hpp"

#include <cstdint>

namespace atelier::http {
namespace {

constexpr std::uint64_t fnv_offset_basis = 14695981039346656037ULL;
constexpr std::uint64_t fnv_prime = 1099511628211ULL;

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

std::string strong_etag(std::string_view body, std::string_view suffix) {
  std::uint64_t hash = fnv_offset_basis;
  for (unsigned char byte : body) {
    hash ^= byte;
    hash *= fnv_prime;
  }
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
