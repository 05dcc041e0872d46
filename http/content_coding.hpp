// Accept-Encoding negotiation and gzip compression of response bodies (zlib).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace atelier::http {

/// Whether an Accept-Encoding header value allows gzip: `gzip`, `x-gzip` or `*` with q > 0; an
/// explicit `gzip;q=0` refuses it even when `*` is present. Empty or absent header: no. Pure,
/// noexcept.
bool accepts_gzip(std::string_view accept_encoding) noexcept;

/// The body as a gzip member (RFC 1952), or nullopt if zlib fails. Thread-safe; throws only
/// std::bad_alloc.
std::optional<std::string> gzip_compress(std::string_view body);

}  // namespace atelier::http
