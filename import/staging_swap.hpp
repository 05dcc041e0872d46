// The staging schema's lifecycle on the control connection: import lock, post-load SQL phases,
// atomic swap.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <pqxx/connection>

namespace atelier::import {

/// Schema names; constants, never user input.
inline constexpr std::string_view staging_schema = "atelier_staging";
inline constexpr std::string_view live_schema = "atelier";
inline constexpr std::string_view retired_schema = "atelier_retired";

/// Session settings of the load's connection. Tables written without WAL are fsynced at COMMIT;
/// flushing them every 2 MB as they are written (backend_flush_after, in 8 kB pages) spreads that
/// I/O over the COPY instead (full scale: the load's COMMIT 4.2 s -> 0.9 s, the documents' 3.0 s
/// -> 0.2 s).
inline constexpr std::string_view load_session_settings =
    "SET synchronous_commit = off; SET backend_flush_after = 256";

/// Session settings of every post-load connection (control and documents): the load's, and as index
/// builds sort tens of millions of rows, memory for them. lz4 compresses the large TOASTed
/// documents far faster than the default pglz (storage only; the bytes read back are the same).
std::string staging_session_settings();

/// SQL that recreates an empty staging schema, committed on its own before the load so that the
/// documents' connection can create its table there while the load transaction is still open.
std::string_view staging_schema_sql();
/// SQL (for the COPY connection's transaction, so COPY FREEZE applies) that creates the data-set
/// tables of sql/dataset/01_tables.sql in the staging schema and leaves search_path pointing at it.
std::string staging_tables_sql();

/// The control connection of one import. Construction connects, applies migrations and takes the
/// import advisory lock (released by destruction, before it returns). Unless swap_in() succeeded,
/// destruction drops the staging schema, so the live set is never touched by a failed import. Every
/// failure throws import_error (never a pqxx exception). Not thread-safe.
class staging_area {
 public:
  explicit staging_area(const std::string& database_url);
  ~staging_area();
  staging_area(const staging_area&) = delete;
  staging_area& operator=(const staging_area&) = delete;

  /// Runs constant SQL in the staging schema in one transaction; `phase` names it in errors.
  void run_phase(std::string_view phase, std::string_view sql);

  /// In one transaction: retires the live schema (renamed to retired_schema), renames staging to
  /// live and records the data set (version + 1) in atelier_meta.dataset. Returns the new version.
  /// Renames lock no table, so readers never wait for the swap; the retired tables are dropped
  /// afterwards by drop_retired(): dropped inside the swap, their ACCESS EXCLUSIVE locks made every
  /// query on the live tables wait for the commit, and one reader still on the old set held the
  /// swap itself (full scale: swap 1.1 s then, 0.01 s now). A schema rename invalidates every
  /// cached plan, so prepared statements re-plan against the new tables.
  std::int64_t swap_in(const std::string& source, const std::string& row_counts_json,
                       std::uint64_t rejected_rows);
  /// Drops the schema the last swap retired, in its own transaction; it waits only for queries
  /// still reading the old tables. False when it failed: the live set is unaffected and the next
  /// swap drops the leftover first.
  bool drop_retired() noexcept;

 private:
  void drop_staging() noexcept;
  void release_lock() noexcept;

  std::unique_ptr<pqxx::connection> connection_;
  bool swapped_ = false;
};

}  // namespace atelier::import
