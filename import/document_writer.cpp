// product_document as PostgreSQL binary COPY tuples: the server stores the bytes without parsing
// or unescaping them.
#include "import/document_writer.hpp"

#include "import/copy_writer.hpp"
#include "import/import_error.hpp"
#include "import/staging_swap.hpp"
#include "sql/embedded_sql.hpp"

namespace atelier::import {
namespace {

constexpr std::string_view document_columns =
    "product_id, rank, summary_json, product_json, styles_json, related_json";
constexpr std::int16_t document_column_count = 6;

// Binary COPY header: signature, flags, header extension length (PostgreSQL docs, "Binary Format").
constexpr std::string_view binary_copy_header{"PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19};
constexpr std::string_view binary_copy_trailer{"\377\377", 2};

void append_big_endian(std::string& out, std::uint32_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void append_int4_field(std::string& out, std::int32_t value) {
  append_big_endian(out, 4, 4);
  append_big_endian(out, static_cast<std::uint32_t>(value), 4);
}

// Appends one text field: its length, patched in once the document is written, then its bytes.
template <typename append_document>
void append_text_field(std::string& out, append_document&& append) {
  const std::size_t length_at = out.size();
  out.append(4, '\0');
  append(out);
  const auto length = static_cast<std::uint32_t>(out.size() - length_at - 4);
  for (int k = 0; k < 4; ++k)
    out[length_at + k] = static_cast<char>((length >> (24 - 8 * k)) & 0xFF);
}

void copy_documents(copy_connection& connection, const document_builder& documents) {
  copy_stream stream(connection, "product_document", document_columns, copy_format::binary);
  std::string& out = stream.buffer();
  out.append(binary_copy_header);
  for (std::uint32_t rank = 1; rank <= documents.product_count(); ++rank) {
    append_big_endian(out, document_column_count, 2);
    append_int4_field(out, documents.product_id(rank));
    append_int4_field(out, static_cast<std::int32_t>(rank));
    append_text_field(out, [&](std::string& o) { documents.append_summary_json(o, rank); });
    append_text_field(out, [&](std::string& o) { documents.append_product_json(o, rank); });
    append_text_field(out, [&](std::string& o) { documents.append_styles_json(o, rank); });
    append_text_field(out, [&](std::string& o) { documents.append_related_json(o, rank); });
    stream.flush_if_full();
  }
  out.append(binary_copy_trailer);
  const std::uint64_t stored = stream.finish();
  if (stored != documents.product_count())
    throw import_error("product_document: Postgres stored " + std::to_string(stored) +
                       " rows, expected " + std::to_string(documents.product_count()));
}

}  // namespace

void write_documents(const std::string& database_url, const document_builder& documents) {
  copy_connection connection(database_url);
  connection.exec(staging_session_settings);
  connection.exec("BEGIN");
  connection.exec(sql::dataset_03_documents);
  copy_documents(connection, documents);
  connection.exec(sql::dataset_04_document_keys);
  connection.exec("ANALYZE product_document");
  connection.exec("COMMIT");
}

}  // namespace atelier::import
