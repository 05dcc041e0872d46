// Migration runner over the migrations embedded from sql/migrations.
#include "storage/migrations.hpp"

#include <pqxx/pqxx>
#include <string>

#include "sql/embedded_sql.hpp"

namespace atelier {
namespace {

// Arbitrary but fixed: every process that migrates takes this session-level advisory lock.
constexpr long long migration_lock_key = 0x41544c4d;  // "ATLM"

// Holds the session-level migration lock for its lifetime, released even when a migration throws.
class advisory_lock_guard {
 public:
  explicit advisory_lock_guard(pqxx::connection& connection) : connection_(connection) {
    pqxx::nontransaction work(connection_);
    work.exec_params("SELECT pg_advisory_lock($1)", migration_lock_key);
  }
  ~advisory_lock_guard() {
    try {
      pqxx::nontransaction work(connection_);
      work.exec_params("SELECT pg_advisory_unlock($1)", migration_lock_key);
    } catch (const std::exception&) {
      // A broken connection drops session locks by itself.
    }
  }
  advisory_lock_guard(const advisory_lock_guard&) = delete;
  advisory_lock_guard& operator=(const advisory_lock_guard&) = delete;

 private:
  pqxx::connection& connection_;
};

}  // namespace

int applied_migration_version(pqxx::connection& connection) {
  pqxx::read_transaction work(connection);
  auto exists = work.exec1("SELECT to_regclass('atelier_meta.schema_migrations') IS NOT NULL");
  if (!exists[0].as<bool>()) return 0;
  return work.exec1("SELECT coalesce(max(version), 0) FROM atelier_meta.schema_migrations")[0]
      .as<int>();
}

int apply_migrations(pqxx::connection& connection) {
  advisory_lock_guard guard(connection);
  int applied = 0;
  int current = applied_migration_version(connection);
  for (const auto& migration : sql::migrations) {
    if (migration.version <= current) continue;
    pqxx::work work(connection);
    work.exec(std::string(migration.text));
    work.exec_params("INSERT INTO atelier_meta.schema_migrations (version, file) VALUES ($1, $2)",
                     migration.version, std::string(migration.file));
    work.commit();
    ++applied;
  }
  return applied;
}

}  // namespace atelier
