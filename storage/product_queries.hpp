// One Postgres connection and the prepared statements that fetch the four precomputed documents.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/document_key.hpp"
#include "storage/document_outcome.hpp"

namespace atelier {

/// Owns exactly one connection. Blocking: call only from a detached actor or a plain thread.
/// Not thread-safe. No pqxx exception escapes: failures come back as document_outcome::failed.
class product_queries {
 public:
  /// Does not connect yet; the first fetch (or connect()) does, so a pool can start while
  /// Postgres is down and recover when it returns. A statement running longer than
  /// `statement_timeout` (zero: no limit) is cancelled by Postgres and answered deadline_exceeded:
  /// a query stuck behind a lock must not hold the connection past the request's deadline.
  explicit product_queries(std::string database_url,
                           std::chrono::milliseconds statement_timeout = {});
  ~product_queries();
  product_queries(const product_queries&) = delete;
  product_queries& operator=(const product_queries&) = delete;

  /// Connects and prepares the statements; returns a failure outcome (state failed) or found.
  document_outcome connect();
  /// One round trip. On a broken connection it reconnects and retries once (the reads are
  /// idempotent).
  document_outcome fetch(const document_key& key);
  /// Cheap liveness probe (SELECT of the data set version); used by /readyz.
  document_outcome probe();
  bool connected() const;
  /// Connections rebuilt after the first one (a lost or refused connection), for metrics.
  std::uint64_t reconnects() const { return reconnects_; }

 private:
  document_outcome run(const document_key& key);
  std::string database_url_;
  std::chrono::milliseconds statement_timeout_;
  struct open_connection;  // the pqxx connection, kept out of this header
  std::unique_ptr<open_connection> connection_;
  std::uint64_t reconnects_ = 0;
  bool ever_connected_ = false;
};

}  // namespace atelier
