// product_document as PostgreSQL binary COPY tuples: the server stores the bytes without parsing
// or unescaping them.
#include "import/document_writer.hpp"

#include "import/binary_copy.hpp"
#include "import/copy_writer.hpp"
#include "import/import_error.hpp"
#include "import/staging_swap.hpp"
#include "sql/embedded_sql.hpp"

namespace atelier::import {
namespace {

constexpr std::string_view document_columns =
    "product_id, rank, summary_json, product_json, styles_json, related_json";
constexpr std::uint16_t document_column_count = 6;

void copy_documents(copy_connection& connection, const document_builder& documents) {
  copy_stream stream(connection, "product_document", document_columns);
  std::string& out = stream.buffer();
  using binary_copy::append_text_written_by;
  for (std::uint32_t rank = 1; rank <= documents.product_count(); ++rank) {
    binary_copy::begin_tuple(out, document_column_count);
    binary_copy::append_int4(out, documents.product_id(rank));
    binary_copy::append_int4(out, static_cast<std::int32_t>(rank));
    append_text_written_by(out, [&](std::string& o) { documents.append_summary_json(o, rank); });
    append_text_written_by(out, [&](std::string& o) { documents.append_product_json(o, rank); });
    append_text_written_by(out, [&](std::string& o) { documents.append_styles_json(o, rank); });
    append_text_written_by(out, [&](std::string& o) { documents.append_related_json(o, rank); });
    stream.flush_if_full();
  }
  const std::uint64_t stored = stream.finish();
  if (stored != documents.product_count())
    throw import_error("product_document: Postgres stored " + std::to_string(stored) +
                       " rows, expected " + std::to_string(documents.product_count()));
}

}  // namespace

void write_documents(const std::string& database_url, const document_builder& documents) {
  copy_connection connection(database_url);
  connection.exec(staging_session_settings());
  connection.exec("BEGIN");
  connection.exec(sql::dataset_03_documents);
  copy_documents(connection, documents);
  connection.exec(sql::dataset_04_document_keys);
  connection.exec("ANALYZE product_document");
  connection.exec("COMMIT");
}

}  // namespace atelier::import
