// Parsing and normalising single CSV field values (ids, prices, flags, urls, text) into COPY text
// form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atelier::import {

/// A positive 32-bit id (digits only, 1 .. 2147483647), or nullopt.
std::optional<std::int32_t> parse_id(std::string_view field);

/// A non-negative 32-bit integer (digits only), or nullopt.
std::optional<std::int32_t> parse_count(std::string_view field);

/// Appends a price (`140`, `12.5`, `12.999`) rounded half-up to two decimals as `I.FF` for a
/// numeric(12,2) column; returns false (appending nothing) when the field is not a non-negative
/// decimal or does not fit in 10 integer digits after rounding.
bool append_price(std::string& out, std::string_view field);

/// `1`/`0`/`true`/`false` (any case) as a boolean, or nullopt.
std::optional<bool> parse_flag(std::string_view field);

/// True for the words the files use for a missing value: empty or `null`.
bool is_null_word(std::string_view field);

/// True when url starts with http:// or https://, has a host containing a dot, a non-empty path,
/// and ends in a query (`?k=v`) or a file extension: rows cut short in the real files fail this.
/// Quotes, whitespace and control characters anywhere make it false.
bool is_complete_url(std::string_view url);

/// True when text is valid UTF-8 without NUL bytes (Postgres text cannot hold either).
bool is_storable_text(std::string_view text);

/// Appends text escaped for COPY text format (backslash, tab, newline, carriage return).
void append_copy_text(std::string& out, std::string_view text);

}  // namespace atelier::import
