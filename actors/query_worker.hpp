// The query actor: detached (libpqxx blocks), owns exactly one Postgres connection.
#pragma once

#include <optional>
#include <string>

#include "actors/messages.hpp"
#include "storage/product_queries.hpp"

namespace atelier {

struct query_worker_state {
  std::optional<product_queries> queries;  // built by the behavior: CAF default-constructs state
  static inline const char* name = "query_worker";
};

/// Answers each request with one round trip. Spawn it with caf::detached: it blocks its thread.
/// Requests whose deadline already passed are answered deadline_exceeded without touching Postgres.
query_worker_actor::behavior_type query_worker(
    query_worker_actor::stateful_pointer<query_worker_state> self, std::string database_url);

/// Spawns one detached worker for database_url.
query_worker_actor spawn_query_worker(caf::actor_system& system, const std::string& database_url);

}  // namespace atelier
