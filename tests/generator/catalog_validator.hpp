// Test helper: checks every row of a generated data set the way an importer would, tallying rejects
// by reason.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "tests/generator/csv_line_reader.hpp"

namespace atelier::generator::testing {

/// Reject counts of one file keyed by reason; reasons an importer should never see start
/// "unexpected".
using reject_counts = std::map<std::string, std::uint64_t>;

/// Validates product.csv first (to learn the ids), then styles.csv, then the rest.
class catalog_validator {
 public:
  reject_counts check_products(std::string_view content) {
    return check(content, [this](const std::vector<csv_field>& f) { return product_row(f); });
  }
  reject_counts check_features(std::string_view content) {
    return check(content, [this](const std::vector<csv_field>& f) { return feature_row(f); });
  }
  reject_counts check_styles(std::string_view content) {
    return check(content, [this](const std::vector<csv_field>& f) { return style_row(f); });
  }
  reject_counts check_photos(std::string_view content) {
    return check(content, [this](const std::vector<csv_field>& f) { return photo_row(f); });
  }
  reject_counts check_skus(std::string_view content) {
    return check(content, [this](const std::vector<csv_field>& f) { return sku_row(f); });
  }
  reject_counts check_related(std::string_view content) {
    return check(content, [this](const std::vector<csv_field>& f) { return related_row(f); });
  }

  std::uint64_t data_rows() const { return data_rows_; }
  const std::vector<std::string>& first_unexpected_lines() const { return unexpected_lines_; }

  /// Bare digits only, like the importer's id and quantity parsing.
  static bool is_unsigned(const csv_field& field) {
    if (field.quoted || field.text.empty() || field.text.size() > 10) return false;
    for (const char c : field.text) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
  /// `140`, `99.5`, `12.99`: bare digits with at most two decimals.
  static bool is_price(const csv_field& field) {
    const auto dot = field.text.find('.');
    if (dot == std::string::npos) return is_unsigned(field);
    const std::string decimals = field.text.substr(dot + 1);
    return is_unsigned({field.text.substr(0, dot), false}) && !decimals.empty() &&
           decimals.size() <= 2 && is_unsigned({decimals, false});
  }
  static bool is_bare_null(const csv_field& field) { return !field.quoted && field.text == "null"; }
  static bool is_photo_url(const csv_field& field, std::string_view width) {
    constexpr std::string_view prefix = "https://images.unsplash.com/photo-";
    const std::string tail = "&w=" + std::string(width) + "&q=80";
    const std::string_view text = field.text;
    return field.quoted && text.substr(0, prefix.size()) == prefix &&
           text.find("?ixlib=rb-1.2.1&auto=format&fit=crop") != std::string_view::npos &&
           text.size() > tail.size() && text.substr(text.size() - tail.size()) == tail;
  }

 private:
  static std::uint64_t number(const csv_field& field) { return std::stoull(field.text); }

  template <typename RowCheck>
  reject_counts check(std::string_view content, RowCheck row_check) {
    reject_counts rejects;
    std::vector<csv_field> fields;
    std::size_t at = content.find('\n') + 1;  // skip the header
    data_rows_ = 0;
    while (at < content.size()) {
      const std::size_t end = content.find('\n', at);
      const std::string_view line = content.substr(at, end - at);
      at = end + 1;
      ++data_rows_;
      const csv_line_status status = read_csv_line(line, fields);
      const std::string reason = status == csv_line_status::ok ? row_check(fields)
                                 : status == csv_line_status::unterminated_quote
                                     ? "unclosed_quote"
                                     : "unexpected: quoting";
      if (reason.empty()) continue;
      ++rejects[reason];
      if (reason.rfind("unexpected", 0) == 0 && unexpected_lines_.size() < 5) {
        unexpected_lines_.push_back(reason + " in: " + std::string(line));
      }
    }
    return rejects;
  }

  std::string product_row(const std::vector<csv_field>& f) {
    if (f.size() != 6) return "unexpected: field count";
    if (!is_unsigned(f[0]) || !f[1].quoted || !f[2].quoted || !f[3].quoted || !f[4].quoted ||
        !is_price(f[5])) {
      return "unexpected: product field";
    }
    if (!product_ids_.insert(number(f[0])).second) return "unexpected: duplicate product id";
    return "";
  }

  std::string feature_row(const std::vector<csv_field>& f) {
    if (f.size() != 4 || !is_unsigned(f[0]) || !is_unsigned(f[1])) return "unexpected: feature";
    if (!f[2].quoted || !(f[3].quoted || is_bare_null(f[3]))) return "unexpected: feature text";
    return product_ids_.count(number(f[1])) == 0 ? "unknown_product" : "";
  }

  std::string style_row(const std::vector<csv_field>& f) {
    if (f.size() != 6 || !is_unsigned(f[0]) || !is_unsigned(f[1]) || !f[2].quoted) {
      return "unexpected: style";
    }
    if (!(is_bare_null(f[3]) || is_price(f[3])) || !is_price(f[4])) return "unexpected: price";
    if (!f[5].quoted && f[5].text != "0" && f[5].text != "1") return "unexpected: default_style";
    if (product_ids_.count(number(f[1])) == 0) return "unknown_product";
    style_ids_.insert(number(f[0]));
    return "";
  }

  std::string photo_row(const std::vector<csv_field>& f) {
    if (f.size() != 4) return f.size() == 5 ? "split_url" : "unexpected: field count";
    if (!is_unsigned(f[0]) || !is_unsigned(f[1])) return "unexpected: photo ids";
    if (style_ids_.count(number(f[1])) == 0) return "unexpected: unknown style";
    if (!is_photo_url(f[3], "300")) return "unexpected: thumbnail";
    return is_photo_url(f[2], "668") ? "" : "truncated_url";
  }

  std::string sku_row(const std::vector<csv_field>& f) {
    if (f.size() != 4 || !is_unsigned(f[0]) || !is_unsigned(f[1]) || !f[2].quoted) {
      return "unexpected: sku";
    }
    if (style_ids_.count(number(f[1])) == 0) return "unexpected: unknown style";
    if (is_unsigned(f[3])) return "";
    const bool negative =
        f[3].text.size() > 1 && f[3].text[0] == '-' && is_unsigned({f[3].text.substr(1), false});
    return negative ? "negative_quantity" : "non_numeric_quantity";
  }

  std::string related_row(const std::vector<csv_field>& f) {
    if (f.size() != 3 || !is_unsigned(f[0]) || !is_unsigned(f[1]) || !is_unsigned(f[2])) {
      return "unexpected: related";
    }
    if (product_ids_.count(number(f[1])) == 0) return "unexpected: unknown current product";
    if (number(f[2]) == 0) return "zero_related_id";
    if (number(f[2]) == number(f[1])) return "self_related_id";
    return product_ids_.count(number(f[2])) == 0 ? "unknown_related_id" : "";
  }

  std::unordered_set<std::uint64_t> product_ids_;
  std::unordered_set<std::uint64_t> style_ids_;
  std::uint64_t data_rows_ = 0;
  std::vector<std::string> unexpected_lines_;
};

}  // namespace atelier::generator::testing
