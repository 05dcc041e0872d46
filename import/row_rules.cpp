// The per-file row rules: which field must hold what, and which earlier file each reference must
// name; accepted rows become binary COPY tuples.
#include "import/row_rules.hpp"

#include <optional>

#include "import/binary_copy.hpp"
#include "import/field_format.hpp"

namespace atelier::import {
namespace {

using fields_t = std::vector<std::string_view>;

// Appends one text column; returns false when the text cannot be stored.
bool append_text(std::string& out, std::string_view text) {
  if (!is_storable_text(text)) return false;
  binary_copy::append_text(out, text);
  return true;
}

// Appends one numeric(12,2) column; returns false when the field is not a price.
bool append_price_column(std::string& out, std::string_view field) {
  const auto cents = parse_price_cents(field);
  if (!cents) return false;
  binary_copy::append_numeric_cents(out, *cents);
  return true;
}

// Appends a column that may be the word `null` (SQL NULL) or a value `append` accepts.
bool append_nullable(std::string& out, std::string_view field,
                     bool (*append)(std::string&, std::string_view)) {
  if (!is_null_word(field)) return append(out, field);
  binary_copy::append_null(out);
  return true;
}

// A reference to a row of an earlier file: its id, or why the row must be rejected.
struct reference {
  std::optional<std::int32_t> id;
  std::string_view reject_reason;
};

reference parse_reference(std::string_view field, const loaded_ids& ids, source_file parent,
                          std::string_view invalid_reason, std::string_view unknown_reason) {
  const auto id = parse_id(field);
  if (!id) return {std::nullopt, invalid_reason};
  if (!ids.of(parent).contains(*id)) return {std::nullopt, unknown_reason};
  return {id, {}};
}

// Parses a parent reference and, when it names a loaded row, appends it (the second column of
// every child file).
reference append_reference(std::string& out, std::string_view field, const loaded_ids& ids,
                           source_file parent, std::string_view invalid_reason,
                           std::string_view unknown_reason) {
  auto parsed = parse_reference(field, ids, parent, invalid_reason, unknown_reason);
  if (parsed.id) binary_copy::append_int4(out, *parsed.id);
  return parsed;
}

std::string_view check_product(const fields_t& f, loaded_ids&, std::string& out) {
  for (std::size_t i = 1; i <= 4; ++i)
    if (!append_text(out, f[i])) return "invalid text";
  if (!append_price_column(out, f[5])) return "invalid default_price";
  return {};
}

std::string_view check_feature(const fields_t& f, loaded_ids& ids, std::string& out) {
  const auto product = append_reference(out, f[1], ids, source_file::product, "invalid product_id",
                                        "unknown product_id");
  if (!product.id) return product.reject_reason;
  if (!append_text(out, f[2])) return "invalid text";
  if (!append_nullable(out, f[3], append_text)) return "invalid text";
  return {};
}

std::string_view check_style(const fields_t& f, loaded_ids& ids, std::string& out) {
  const auto product = append_reference(out, f[1], ids, source_file::product, "invalid productId",
                                        "unknown productId");
  if (!product.id) return product.reject_reason;
  if (!append_text(out, f[2])) return "invalid text";
  if (!append_nullable(out, f[3], append_price_column)) return "invalid sale_price";
  if (!append_price_column(out, f[4])) return "invalid original_price";
  const auto is_default = parse_flag(f[5]);
  if (!is_default) return "invalid default_style";
  binary_copy::append_bool(out, *is_default);
  return {};
}

std::string_view check_photo(const fields_t& f, loaded_ids& ids, std::string& out) {
  const auto style =
      append_reference(out, f[1], ids, source_file::styles, "invalid styleId", "unknown styleId");
  if (!style.id) return style.reject_reason;
  // is_complete_url lets bytes >= 0x80 through; invalid UTF-8 would fail the whole COPY.
  if (!is_complete_url(f[2]) || !is_storable_text(f[2])) return "invalid url";
  if (!is_complete_url(f[3]) || !is_storable_text(f[3])) return "invalid thumbnail_url";
  binary_copy::append_text(out, f[2]);
  binary_copy::append_text(out, f[3]);
  return {};
}

std::string_view check_sku(const fields_t& f, loaded_ids& ids, std::string& out) {
  const auto style =
      append_reference(out, f[1], ids, source_file::styles, "invalid styleId", "unknown styleId");
  if (!style.id) return style.reject_reason;
  const auto quantity = parse_count(f[3]);
  if (!quantity) return "invalid quantity";
  if (!append_text(out, f[2])) return "invalid text";
  binary_copy::append_int4(out, *quantity);
  return {};
}

std::string_view check_related(const fields_t& f, loaded_ids& ids, std::string& out) {
  const auto product = append_reference(out, f[1], ids, source_file::product,
                                        "invalid current_product_id", "unknown current_product_id");
  if (!product.id) return product.reject_reason;
  const auto related = parse_reference(f[2], ids, source_file::product, "invalid related reference",
                                       "invalid related reference");
  if (!related.id || *related.id == *product.id) return "invalid related reference";
  binary_copy::append_int4(out, *related.id);
  return {};
}

std::string_view check_columns(source_file file, const fields_t& fields, loaded_ids& ids,
                               std::string& out) {
  switch (file) {
    case source_file::product:
      return check_product(fields, ids, out);
    case source_file::features:
      return check_feature(fields, ids, out);
    case source_file::styles:
      return check_style(fields, ids, out);
    case source_file::photos:
      return check_photo(fields, ids, out);
    case source_file::skus:
      return check_sku(fields, ids, out);
    case source_file::related:
      return check_related(fields, ids, out);
  }
  return "unknown file";
}

}  // namespace

std::string_view check_row(source_file file, const fields_t& fields, loaded_ids& ids,
                           std::string& copy_tuples) {
  const std::size_t field_count = layout_of(file).field_count;
  if (fields.size() != field_count) return "wrong field count";
  const auto id = parse_id(fields[0]);
  if (!id) return "invalid id";
  if (ids.of(file).contains(*id)) return "duplicate id";
  const std::size_t rollback = copy_tuples.size();
  binary_copy::begin_tuple(copy_tuples, static_cast<std::uint16_t>(field_count));
  binary_copy::append_int4(copy_tuples, *id);
  const std::string_view reason = check_columns(file, fields, ids, copy_tuples);
  if (!reason.empty()) {
    copy_tuples.resize(rollback);
    return reason;
  }
  ids.of(file).insert(*id);
  return {};
}

}  // namespace atelier::import
