// Strong entity tags for response bodies and If-None-Match evaluation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace atelier::http {

/// A stable 64-bit hash of the body (MurmurHash64A-style): the same bytes give the same value in
/// every process and on every node, so the cluster's nodes agree on ETags. Pure, thread-safe.
std::uint64_t body_hash(std::string_view body) noexcept;

/// A strong ETag for the body: body_hash as 16 lower-case hex digits, quoted, e.g.
/// "\"af63bd4c8601b7df\"". `suffix` distinguishes representations of the same body (e.g. "-gzip").
/// Pure, thread-safe.
std::string strong_etag(std::string_view body, std::string_view suffix = {});
/// The same tag from an already computed body_hash (one hash serves several representations).
std::string strong_etag_of_hash(std::uint64_t hash, std::string_view suffix = {});

/// Whether an If-None-Match header value matches `etag` using the weak comparison RFC 7232
/// prescribes for If-None-Match: `*` matches anything; otherwise a comma-separated list of
/// (optionally W/-prefixed) quoted tags. Malformed lists match nothing. Pure, thread-safe,
/// noexcept.
bool if_none_match_matches(std::string_view header, std::string_view etag) noexcept;

}  // namespace atelier::http
