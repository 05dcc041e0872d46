// Writing the built documents into staging's product_document on a connection of its own.
#pragma once

#include <string>

#include "import/document_builder.hpp"

namespace atelier::import {

/// In one transaction on a new connection: creates atelier_staging.product_document
/// (sql/dataset/03_documents.sql), streams every document in with binary COPY FREEZE, builds its
/// keys (04_document_keys.sql) and ANALYZEs it. Runs beside the keys/indexes phase on the control
/// connection (a second core); the staging schema must be committed. Throws import_error.
void write_documents(const std::string& database_url, const document_builder& documents);

}  // namespace atelier::import
