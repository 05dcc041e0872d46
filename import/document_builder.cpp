// The JSON fragments of each file's rows and their assembly into each route's document. The
// layouts are the API contract (../shared/atelier-api.md); the bytes equal what the former SQL
// builder (string_agg over to_json) produced.
#include "import/document_builder.hpp"

#include <algorithm>
#include <numeric>

#include "import/field_format.hpp"
#include "import/json_text.hpp"

namespace atelier::import {
namespace {

using fields_t = std::vector<std::string_view>;

// The arenas are reserved at twice each file's size: fragments are at most about that (styles
// add the most keys per byte); untouched reserved pages cost no memory, and a larger need only
// costs a reallocation.
std::size_t expected_bytes(const std::filesystem::path& data_dir, source_file file) {
  std::error_code error;
  const auto size =
      std::filesystem::file_size(data_dir / std::string(layout_of(file).file_name), error);
  return error ? 0 : static_cast<std::size_t>(size) * 2;
}

std::int32_t id_of(std::string_view field) {
  return *parse_id(field);  // check_row accepted the row
}

// A numeric(12,2) value as its text, quoted.
void append_quoted_price(std::string& out, std::string_view field) {
  out.push_back('"');
  append_price(out, field);
  out.push_back('"');
}

void append_nullable_json_string(std::string& out, std::string_view field) {
  if (is_null_word(field))
    out.append("null");
  else
    append_json_string(out, field);
}

}  // namespace

document_builder::document_builder(std::string_view import_timestamp,
                                   const std::filesystem::path& data_dir)
    : heads_(expected_bytes(data_dir, source_file::product)),
      features_(expected_bytes(data_dir, source_file::features)),
      styles_(expected_bytes(data_dir, source_file::styles)),
      photos_(expected_bytes(data_dir, source_file::photos)),
      skus_(expected_bytes(data_dir, source_file::skus)),
      related_(expected_bytes(data_dir, source_file::related)) {
  append_json_string(timestamp_json_, import_timestamp);
}

std::uint32_t document_builder::product_position(std::string_view id_field) const {
  return product_index_->position(id_of(id_field));
}

void document_builder::add_product(const fields_t& f) {
  const std::int32_t id = id_of(f[0]);
  std::string& out = heads_.begin_row(static_cast<std::uint32_t>(product_ids_.size()), id);
  product_ids_.push_back(id);
  out.append("{\"id\":");
  append_decimal(out, id);
  out.append(",\"campus\":\"hr-rfp\",\"name\":");
  append_json_string(out, f[1]);
  out.append(",\"slogan\":");
  append_json_string(out, f[2]);
  out.append(",\"description\":");
  append_json_string(out, f[3]);
  out.append(",\"category\":");
  append_json_string(out, f[4]);
  out.append(",\"default_price\":");
  append_quoted_price(out, f[5]);
  out.append(",\"created_at\":").append(timestamp_json_);
  out.append(",\"updated_at\":").append(timestamp_json_);
  heads_.end_row();
}

void document_builder::add_style(const fields_t& f) {
  const std::int32_t id = id_of(f[0]);
  std::string& out = styles_.begin_row(product_position(f[1]), id);
  style_ids_.push_back(id);
  out.append("{\"style_id\":");
  append_decimal(out, id);
  out.append(",\"name\":");
  append_json_string(out, f[2]);
  out.append(",\"original_price\":");
  append_quoted_price(out, f[4]);
  out.append(",\"sale_price\":");
  if (is_null_word(f[3]))
    out.append("null");
  else
    append_quoted_price(out, f[3]);
  out.append(*parse_flag(f[5]) ? ",\"default?\":true" : ",\"default?\":false");
  styles_.end_row();
}

void document_builder::add_feature(const fields_t& f) {
  std::string& out = features_.begin_row(product_position(f[1]), id_of(f[0]));
  out.append("{\"feature\":");
  append_json_string(out, f[2]);
  out.append(",\"value\":");
  append_nullable_json_string(out, f[3]);
  out.push_back('}');
  features_.end_row();
}

void document_builder::add_photo(const fields_t& f) {
  std::string& out = photos_.begin_row(style_index_->position(id_of(f[1])), id_of(f[0]));
  out.append("{\"thumbnail_url\":");
  append_json_string(out, f[3]);
  out.append(",\"url\":");
  append_json_string(out, f[2]);
  out.push_back('}');
  photos_.end_row();
}

void document_builder::add_sku(const fields_t& f) {
  const std::int32_t id = id_of(f[0]);
  std::string& out = skus_.begin_row(style_index_->position(id_of(f[1])), id);
  out.push_back('"');
  append_decimal(out, id);
  out.append("\":{\"quantity\":");
  append_decimal(out, *parse_count(f[3]));
  out.append(",\"size\":");
  append_json_string(out, f[2]);
  out.push_back('}');
  skus_.end_row();
}

void document_builder::add_related(const fields_t& f) {
  std::string& out = related_.begin_row(product_position(f[1]), id_of(f[0]));
  append_decimal(out, id_of(f[2]));
  related_.end_row();
}

void document_builder::add_row(source_file file, const fields_t& fields) {
  switch (file) {
    case source_file::product:
      return add_product(fields);
    case source_file::features:
      return add_feature(fields);
    case source_file::styles:
      return add_style(fields);
    case source_file::photos:
      return add_photo(fields);
    case source_file::skus:
      return add_sku(fields);
    case source_file::related:
      return add_related(fields);
  }
}

void document_builder::end_file(source_file file) {
  const auto products = product_count();
  switch (file) {
    case source_file::product: {
      heads_.finish(products);
      product_index_ = std::make_unique<id_index>(product_ids_);
      if (!std::is_sorted(product_ids_.begin(), product_ids_.end())) {
        by_rank_.resize(products);
        std::iota(by_rank_.begin(), by_rank_.end(), 0u);
        std::sort(by_rank_.begin(), by_rank_.end(), [this](std::uint32_t a, std::uint32_t b) {
          return product_ids_[a] < product_ids_[b];
        });
      }
      return;
    }
    case source_file::features:
      return features_.finish(products);
    case source_file::styles:
      styles_.finish(products);
      style_index_ = std::make_unique<id_index>(style_ids_);
      return;
    case source_file::photos:
      return photos_.finish(static_cast<std::uint32_t>(style_ids_.size()));
    case source_file::skus:
      return skus_.finish(static_cast<std::uint32_t>(style_ids_.size()));
    case source_file::related:
      return related_.finish(products);
  }
}

void document_builder::append_summary_json(std::string& out, std::uint32_t rank) const {
  out.append(heads_.fragment(position(rank)));
  out.push_back('}');
}

void document_builder::append_product_json(std::string& out, std::uint32_t rank) const {
  const std::uint32_t product = position(rank);
  out.append(heads_.fragment(product));
  out.append(",\"features\":");
  features_.append_list(out, product, '[', ']', "[]");
  out.push_back('}');
}

void document_builder::append_styles_json(std::string& out, std::uint32_t rank) const {
  const std::uint32_t product = position(rank);
  out.append("{\"product_id\":\"");
  append_decimal(out, product_ids_[product]);
  out.append("\",\"results\":[");
  bool first = true;
  styles_.for_each_row(product, [&](std::uint32_t style) {
    if (!first) out.push_back(',');
    first = false;
    out.append(styles_.fragment(style));
    out.append(",\"photos\":");
    photos_.append_list(out, style, '[', ']', "[]");
    out.append(",\"skus\":");
    skus_.append_list(out, style, '{', '}', "{}");
    out.push_back('}');
  });
  out.append("]}");
}

void document_builder::append_related_json(std::string& out, std::uint32_t rank) const {
  related_.append_list(out, position(rank), '[', ']', "[]");
}

void document_builder::clear() {
  for (fragment_lists* lists : {&heads_, &features_, &styles_, &photos_, &skus_, &related_})
    lists->clear();
  std::vector<std::int32_t>().swap(product_ids_);
  std::vector<std::int32_t>().swap(style_ids_);
  std::vector<std::uint32_t>().swap(by_rank_);
  product_index_.reset();
  style_index_.reset();
}

}  // namespace atelier::import
