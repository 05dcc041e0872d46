// JSON text for the served documents, escaped exactly as PostgreSQL's to_json(text) escapes it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace atelier::import {

/// Appends text as a quoted JSON string with PostgreSQL's escape_json rules (the bytes the SQL
/// document builder produced): `"` `\` and \b \f \n \r \t get two-character escapes, other bytes
/// below 0x20 become \u00xx (lower-case hex), everything else, UTF-8 included, is copied as is.
void append_json_string(std::string& out, std::string_view text);

/// Appends an integer in decimal (what integer::text prints).
void append_decimal(std::string& out, std::int64_t value);

}  // namespace atelier::import
