// The query actor: detached (libpqxx blocks), owns exactly one Postgres connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "actors/messages.hpp"
#include "actors/pool_observer.hpp"
#include "storage/product_queries.hpp"

namespace atelier {

struct query_worker_state {
  std::optional<product_queries> queries;   // built by the behavior: CAF default-constructs state
  std::shared_ptr<pool_observer> observer;  // null: nothing measured
  bool reported_up = false;                 // connection state last told to the observer
  std::uint64_t reported_reconnects = 0;
  static inline const char* name = "query_worker";

  // A stopped worker's connection closes with it; the gauge must not keep counting it.
  ~query_worker_state() {
    if (observer && reported_up) observer->on_connection_change(-1, 0);
  }
};

/// Answers each request with one round trip. Spawn it with caf::detached: it blocks its thread.
/// Requests whose deadline already passed are answered deadline_exceeded without touching Postgres.
/// `observer` (may be null) gets each round trip's latency and connection changes. Statements
/// are cancelled after `statement_timeout` (zero: never).
query_worker_actor::behavior_type query_worker(
    query_worker_actor::stateful_pointer<query_worker_state> self, std::string database_url,
    std::chrono::milliseconds statement_timeout, std::shared_ptr<pool_observer> observer);

/// Spawns one detached worker for database_url.
query_worker_actor spawn_query_worker(caf::actor_system& system, const std::string& database_url,
                                      std::chrono::milliseconds statement_timeout = {},
                                      std::shared_ptr<pool_observer> observer = nullptr);

}  // namespace atelier
