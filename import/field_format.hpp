// Parsing and checking single CSV field values: ids, prices, flags, urls, text.
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

/// A price (`140`, `12.5`, `12.999`) rounded half-up to whole cents (14000, 1250, 1300), or
/// nullopt when the field is not a non-negative decimal or does not fit numeric(12,2) (10 integer
/// digits) after rounding.
std::optional<std::int64_t> parse_price_cents(std::string_view field);

/// Appends the price as the JSON documents show it (`I.FF`); returns false (appending nothing)
/// when parse_price_cents rejects the field.
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

}  // namespace atelier::import
