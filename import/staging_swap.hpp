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

/// SQL (for the COPY connection's transaction) that recreates an empty staging schema with the
/// data-set tables of sql/dataset/01_tables.sql and leaves search_path pointing at it.
std::string staging_creation_sql();

/// The control connection of one import. Construction connects, applies migrations and takes the
/// import advisory lock (held until destruction). Unless swap_in() succeeded, destruction drops
/// the staging schema, so the live set is never touched by a failed import. Every failure throws
/// import_error (never a pqxx exception). Not thread-safe.
class staging_area {
 public:
  explicit staging_area(const std::string& database_url);
  ~staging_area();
  staging_area(const staging_area&) = delete;
  staging_area& operator=(const staging_area&) = delete;

  /// Records the import's start time (`2021-08-13T14:37:33.145Z`), read by 03_documents.sql.
  void set_import_timestamp(const std::string& iso_timestamp);

  /// Runs constant SQL in the staging schema in one transaction; `phase` names it in errors.
  void run_phase(std::string_view phase, std::string_view sql);

  /// Runs `here` on the control connection and, at the same time, `beside` on a second connection
  /// with the same session settings, each in its own transaction; returns when both committed.
  /// The two must not depend on each other. `phase` names either in errors.
  void run_concurrently(std::string_view phase, std::string_view here, std::string_view beside);

  /// In one transaction: retires the live schema, renames staging to live, drops the retired one
  /// and records the data set (version + 1) in atelier_meta.dataset. Returns the new version.
  std::int64_t swap_in(const std::string& source, const std::string& row_counts_json,
                       std::uint64_t rejected_rows);

 private:
  void drop_staging() noexcept;

  std::string database_url_;
  std::unique_ptr<pqxx::connection> connection_;
  bool swapped_ = false;
};

}  // namespace atelier::import
