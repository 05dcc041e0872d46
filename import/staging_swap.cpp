// Staging schema lifecycle, the one-transaction swap into the live schema, and the old set's drop.
#include "import/staging_swap.hpp"

#include <exception>

#include <pqxx/pqxx>

#include "import/import_error.hpp"
#include "sql/embedded_sql.hpp"
#include "storage/migrations.hpp"

namespace atelier::import {
namespace {

// Session-level advisory lock key held for a whole import ("ATLI"); the migration lock is
// different.
constexpr long long import_lock_key = 0x41544c49;

constexpr std::string_view swap_sql_retire = "ALTER SCHEMA atelier RENAME TO atelier_retired";
constexpr std::string_view swap_sql_promote = "ALTER SCHEMA atelier_staging RENAME TO atelier";
// A retired schema is dropped after its swap commits (see drop_retired); one left by an import
// interrupted in between would block the rename, so the next swap drops it first.
constexpr std::string_view drop_retired_sql = "DROP SCHEMA IF EXISTS atelier_retired CASCADE";
constexpr std::string_view record_dataset_sql =
    "INSERT INTO atelier_meta.dataset AS d (singleton, version, layout_version, loaded_at, source, "
    "row_counts,"
    " rejected_rows) VALUES (true, 1, $1, now(), $2, $3::jsonb, $4) ON CONFLICT (singleton) DO "
    "UPDATE SET"
    " version = d.version + 1, layout_version = excluded.layout_version, loaded_at = "
    "excluded.loaded_at,"
    " source = excluded.source, row_counts = excluded.row_counts, rejected_rows = "
    "excluded.rejected_rows"
    " RETURNING version";

std::string one_line(const std::string& text) {
  auto line = text.substr(0, text.find('\n'));
  return line;
}

}  // namespace

std::string staging_session_settings() {
  return std::string(load_session_settings) +
         "; SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 1;"
         " SET work_mem = '1GB'; SET search_path TO atelier_staging;"
         " SET default_toast_compression = 'lz4'";
}

std::string_view staging_schema_sql() {
  return "DROP SCHEMA IF EXISTS atelier_staging CASCADE; CREATE SCHEMA atelier_staging";
}

std::string staging_tables_sql() {
  std::string sql = "SET search_path TO atelier_staging;\n";
  sql.append(sql::dataset_01_tables);
  return sql;
}

staging_area::staging_area(const std::string& database_url) {
  try {
    connection_ = std::make_unique<pqxx::connection>(database_url);
  } catch (const std::exception& error) {
    throw import_error("cannot connect to the database: " + one_line(error.what()));
  }
  try {
    apply_migrations(*connection_);
    pqxx::nontransaction work(*connection_);
    if (!work.exec_params1("SELECT pg_try_advisory_lock($1)", import_lock_key)[0].as<bool>())
      throw import_error("another atelier-import is running against this database");
    work.exec(staging_session_settings());
  } catch (const import_error&) {
    throw;
  } catch (const std::exception& error) {
    throw import_error("preparing the database: " + one_line(error.what()));
  }
}

staging_area::~staging_area() {
  if (!swapped_) drop_staging();
  release_lock();
}

// Closing the connection would release the lock too, but only once the server has noticed the
// disconnect: an import started right after this one returns could still find it held.
void staging_area::release_lock() noexcept {
  try {
    pqxx::nontransaction work(*connection_);
    work.exec_params("SELECT pg_advisory_unlock($1)", import_lock_key);
  } catch (const std::exception&) {
    // A broken connection holds no lock once its backend exits.
  }
}

void staging_area::drop_staging() noexcept {
  try {
    pqxx::nontransaction work(*connection_);
    work.exec("DROP SCHEMA IF EXISTS atelier_staging CASCADE");
  } catch (const std::exception&) {
    // The next import drops a leftover staging schema before it starts.
  }
}

void staging_area::run_phase(std::string_view phase, std::string_view sql) {
  try {
    pqxx::work work(*connection_);
    work.exec(std::string(sql));
    work.commit();
  } catch (const std::exception& error) {
    throw import_error(std::string(phase) + ": " + one_line(error.what()));
  }
}

std::int64_t staging_area::swap_in(const std::string& source, const std::string& row_counts_json,
                                   std::uint64_t rejected_rows) {
  try {
    pqxx::work work(*connection_);
    // Serialises swaps and tells readers of atelier_meta.dataset to wait for the new version.
    work.exec("LOCK TABLE atelier_meta.dataset IN EXCLUSIVE MODE");
    const bool live_exists =
        work.exec1("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'atelier')")[0]
            .as<bool>();
    work.exec(std::string(drop_retired_sql));
    if (live_exists) work.exec(std::string(swap_sql_retire));
    work.exec(std::string(swap_sql_promote));
    const auto version =
        work.exec_params1(std::string(record_dataset_sql), dataset_layout_version, source,
                          row_counts_json, static_cast<long long>(rejected_rows))[0]
            .as<std::int64_t>();
    work.commit();
    swapped_ = true;
    return version;
  } catch (const std::exception& error) {
    throw import_error("swap: " + one_line(error.what()));
  }
}

bool staging_area::drop_retired() noexcept {
  try {
    pqxx::work work(*connection_);
    work.exec(std::string(drop_retired_sql));
    work.commit();
    return true;
  } catch (const std::exception&) {
    return false;  // the next import's swap drops it
  }
}

}  // namespace atelier::import
