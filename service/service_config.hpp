// The service's one configuration struct: defaults and help text in one place, read once at
// start-up.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace atelier {

/// Everything the service can be told. Passed down by const reference; nothing else reads the
/// environment.
struct service_config {
  std::string listen_host = "0.0.0.0";
  unsigned short listen_port = 8080;
  std::string database_url;      ///< libpq connection string or postgresql:// URL (required)
  std::size_t pool_size = 4;     ///< query actors = Postgres connections (2 per core measured best)
  std::size_t max_queued = 512;  ///< pool queue bound; beyond it requests get 503 + Retry-After
  /// Admission budget: a request whose estimated wait in the pool queue is longer gets 503 +
  /// Retry-After at once (ms; 0 = automatic: 2 recent query times, at least 1/50 of the deadline).
  unsigned max_queue_wait_ms = 0;
  std::size_t ingress_actors = 2;  ///< HTTP ingress actors (requests are spread round robin)
  std::size_t io_threads = 2;      ///< Beast I/O threads
  /// CAF scheduler threads (query and cache IO actors are detached, not counted). One: an actor
  /// hop then never wakes a second scheduler thread, and on a 2-core node the I/O threads need the
  /// cores more (bench/hot_bench.sh, README "Hot workload").
  std::size_t actor_threads = 1;
  unsigned request_timeout_ms = 1000;   ///< per-request deadline; past it the client gets 504
  std::size_t max_connections = 10000;  ///< open client connections; more are refused
  // HTTP transport bounds against slow, idle and oversized clients (http::server_limits).
  unsigned read_timeout_ms = 10000;     ///< a request's head and body must arrive within this
  unsigned idle_timeout_ms = 30000;     ///< a keep-alive connection idle this long is closed
  unsigned write_timeout_ms = 10000;    ///< writing one response must finish within this
  std::size_t max_header_bytes = 8192;  ///< larger request heads are answered 431
  bool reuse_port = false;              ///< SO_REUSEPORT, so several processes can share the port
  /// host:port list (the cache ring); empty = no cache, ingress asks the pool directly.
  std::vector<std::string> memcached_servers;
  std::size_t cache_shards = 2;          ///< cache shards, each with one memcached IO actor
  std::size_t cache_l1_entries = 10000;  ///< in-process LRU entries, total over the shards
  unsigned cache_l1_ttl_ms = 10000;      ///< see cache_shard_config::l1_ttl
};

/// Parses flags, ATELIER_* environment variables and an optional --config file (INI/TOML), in that
/// order of precedence. Returns the config, or std::nullopt after printing help or one clear error
/// line (exit_code then holds the process exit status).
std::optional<service_config> parse_service_config(int argc, const char* const* argv,
                                                   int& exit_code);

}  // namespace atelier
