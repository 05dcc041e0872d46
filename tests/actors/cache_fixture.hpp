// Fixtures of the cache-layer suites: one Postgres per binary with generated data sets imported
// by the real importer, a cache stack (actor system, query pool, cache front) and request bursts.
#pragma once

#include <caf/all.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "actors/cache_front.hpp"
#include "actors/messages.hpp"
#include "tests/support/memcached_server.hpp"
#include "tests/support/postgres_server.hpp"

namespace atelier::testing {

/// The Postgres cluster of this test binary, started on first use.
postgres_server& cache_postgres();

/// A fresh database holding the generated catalog for `seed` (200 products), imported with the
/// real importer. Returns its connection string.
std::string catalog_database(std::uint64_t seed = 42);
/// Imports the catalog for `seed` again into database_url (bumps the data-set version).
void reimport_catalog(const std::string& database_url, std::uint64_t seed);

/// "127.0.0.1:port" of each node.
std::vector<std::string> addresses(const std::vector<std::unique_ptr<memcached_server>>& nodes);
std::vector<std::unique_ptr<memcached_server>> start_memcached(int count);

/// One cache layer: its own actor system, query pool and cache front. Stops them on destruction.
class cache_stack {
 public:
  cache_stack(const std::string& database_url, const cache_layer_config& config);
  ~cache_stack();
  caf::actor_system& system() { return *system_; }
  document_source_actor source() const { return caf::actor_cast<document_source_actor>(front_); }
  const query_pool_actor& pool() const { return pool_; }

  cache_snapshot cache_counters();
  pool_snapshot pool_counters();
  /// Waits until the shards know a data-set version above `above`; false after timeout.
  bool wait_for_version(std::int64_t above, std::chrono::milliseconds timeout);

 private:
  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  query_pool_actor pool_;
  cache_front_actor front_;
};

/// A cache layer config over `servers` with test-sized limits.
cache_layer_config test_cache_config(const std::vector<std::string>& servers);

/// Sends `count` requests for `keys[i % keys.size()]` at once (from `senders` actors) and waits
/// for every outcome.
std::vector<document_outcome> burst(caf::actor_system& system, document_source_actor source,
                                    const std::vector<document_key>& keys, std::size_t count,
                                    std::size_t senders = 4);

/// One request, waited for.
document_outcome ask(caf::actor_system& system, document_source_actor source,
                     const document_key& key);

inline document_key product_key(std::int32_t id, document_kind kind = document_kind::product) {
  document_key key;
  key.kind = kind;
  key.product_id = id;
  return key;
}

/// Failed outcomes in `outcomes`.
std::size_t failures(const std::vector<document_outcome>& outcomes);

}  // namespace atelier::testing
