// Prepared statements over atelier.product_document and their pqxx-to-service_error translation.
#include "storage/product_queries.hpp"

#include <pqxx/pqxx>

namespace atelier {
namespace {

// Each statement returns the live data-set version (always one row once a data set is loaded)
// and the document, NULL when the product or page does not exist: one round trip either way.
constexpr const char* product_statement = "atelier_product_document";
constexpr const char* styles_statement = "atelier_styles_document";
constexpr const char* related_statement = "atelier_related_document";
constexpr const char* page_statement = "atelier_page_document";
constexpr const char* version_statement = "atelier_dataset_version";
// SQLSTATE of a statement cancelled by statement_timeout (libpqxx 6.4 has no exception class).
constexpr const char* query_canceled_state = "57014";

void prepare_statements(pqxx::connection& connection) {
  connection.prepare(product_statement,
                     "SELECT m.version, d.product_json FROM atelier_meta.dataset m "
                     "LEFT JOIN atelier.product_document d ON d.product_id = $1");
  connection.prepare(styles_statement,
                     "SELECT m.version, d.styles_json FROM atelier_meta.dataset m "
                     "LEFT JOIN atelier.product_document d ON d.product_id = $1");
  connection.prepare(related_statement,
                     "SELECT m.version, d.related_json FROM atelier_meta.dataset m "
                     "LEFT JOIN atelier.product_document d ON d.product_id = $1");
  // Ranks are dense 1..N in id order, so a page is an index range scan at any depth. The bounds
  // are bigint: (page - 1) * count + 1 exceeds int4 for deep pages, which must yield [] not 503.
  connection.prepare(
      page_statement,
      "SELECT m.version, '[' || coalesce(string_agg(d.summary_json, ',' "
      "ORDER BY d.rank), '') || ']' FROM atelier_meta.dataset m "
      "LEFT JOIN atelier.product_document d ON d.rank BETWEEN $1::bigint AND $2::bigint "
      "GROUP BY m.version");
  connection.prepare(version_statement, "SELECT version FROM atelier_meta.dataset");
}

pqxx::result exec_for(pqxx::nontransaction& work, const document_key& key) {
  switch (key.kind) {
    case document_kind::product:
      return work.exec_prepared(product_statement, key.product_id);
    case document_kind::styles:
      return work.exec_prepared(styles_statement, key.product_id);
    case document_kind::related:
      return work.exec_prepared(related_statement, key.product_id);
    case document_kind::page: {
      // 64-bit arithmetic: page * count can exceed int32 for absurd pages, which simply yield [].
      std::int64_t first = (static_cast<std::int64_t>(key.page) - 1) * key.count + 1;
      std::int64_t last = first + key.count - 1;
      return work.exec_prepared(page_statement, first, last);
    }
  }
  throw std::logic_error("unknown document kind");
}

document_outcome no_dataset() {
  return document_outcome::failure(service_error::database_unavailable, "no data set is loaded",
                                   "atelier_meta.dataset is empty or missing");
}

document_outcome from_result(const pqxx::result& rows) {
  if (rows.empty()) return no_dataset();
  auto version = rows[0][0].as<std::int64_t>();
  if (rows[0][1].is_null()) return document_outcome::missing(version);
  return document_outcome::found(rows[0][1].as<std::string>(), version);
}

}  // namespace

struct product_queries::open_connection {
  explicit open_connection(const std::string& url) : connection(url) {}
  pqxx::connection connection;
};

product_queries::product_queries(std::string database_url,
                                 std::chrono::milliseconds statement_timeout)
    : database_url_(std::move(database_url)), statement_timeout_(statement_timeout) {}

product_queries::~product_queries() = default;

bool product_queries::connected() const {
  return connection_ && connection_->connection.is_open();
}

document_outcome product_queries::connect() {
  try {
    connection_.reset();
    auto connection = std::make_unique<open_connection>(database_url_);
    prepare_statements(connection->connection);
    if (statement_timeout_.count() > 0)
      connection->connection.set_variable("statement_timeout",
                                          std::to_string(statement_timeout_.count()));
    connection_ = std::move(connection);
    if (ever_connected_) ++reconnects_;
    ever_connected_ = true;
    return document_outcome::found({}, 0);
  } catch (const std::exception& error) {
    return document_outcome::failure(service_error::database_unavailable,
                                     "the database is unavailable", error.what());
  }
}

document_outcome product_queries::fetch(const document_key& key) {
  // A fresh connection that fails is not retried here: the caller's deadline is short.
  bool fresh = false;
  if (!connected()) {
    auto connected_outcome = connect();
    if (connected_outcome.state == document_outcome::status::failed) return connected_outcome;
    fresh = true;
  }
  auto outcome = run(key);
  if (outcome.state == document_outcome::status::failed &&
      outcome.error == service_error::database_unavailable && !connected() && !fresh) {
    auto reconnected = connect();
    if (reconnected.state == document_outcome::status::failed) return reconnected;
    outcome = run(key);
  }
  return outcome;
}

document_outcome product_queries::run(const document_key& key) {
  try {
    pqxx::nontransaction work(connection_->connection);
    return from_result(exec_for(work, key));
  } catch (const pqxx::broken_connection& error) {
    connection_.reset();
    return document_outcome::failure(service_error::database_unavailable,
                                     "the database is unavailable", error.what());
  } catch (const pqxx::undefined_table& error) {
    return no_dataset();
  } catch (const pqxx::sql_error& error) {
    // statement_timeout fired: the connection is fine, the request is late.
    if (error.sqlstate() == query_canceled_state)
      return document_outcome::failure(service_error::deadline_exceeded,
                                       "the request took too long; try again", error.what());
    // The statement may have been prepared against a schema that changed under it; rebuild.
    connection_.reset();
    return document_outcome::failure(service_error::database_unavailable,
                                     "the database query failed", error.what());
  } catch (const std::exception& error) {
    connection_.reset();
    return document_outcome::failure(service_error::internal, "internal error", error.what());
  }
}

document_outcome product_queries::probe() {
  if (!connected()) {
    auto outcome = connect();
    if (outcome.state == document_outcome::status::failed) return outcome;
  }
  try {
    pqxx::nontransaction work(connection_->connection);
    auto rows = work.exec_prepared(version_statement);
    if (rows.empty()) return no_dataset();
    return document_outcome::found({}, rows[0][0].as<std::int64_t>());
  } catch (const pqxx::undefined_table&) {
    return no_dataset();
  } catch (const std::exception& error) {
    connection_.reset();
    return document_outcome::failure(service_error::database_unavailable,
                                     "the database is unavailable", error.what());
  }
}

}  // namespace atelier
