// Applies the numbered schema migrations embedded from sql/migrations, once each, in order.
#pragma once

#include <pqxx/connection>

namespace atelier {

/// The data-set layout the code expects (sql/dataset); recorded in atelier_meta.dataset by the
/// importer.
inline constexpr int dataset_layout_version = 1;

/// Applies every migration newer than the database's recorded version, each in its own transaction,
/// under an advisory lock so concurrent importers/services do not race. Returns the number applied.
/// Throws pqxx exceptions on failure (start-up code turns them into one clear line and exit 1).
int apply_migrations(pqxx::connection& connection);

/// Highest applied migration version, or 0 when none.
int applied_migration_version(pqxx::connection& connection);

}  // namespace atelier
