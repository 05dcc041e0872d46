// Command-line, environment and config-file parsing for the service (CLI11).
#include "service/service_config.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace atelier {

std::optional<service_config> parse_service_config(int argc, const char* const* argv,
                                                   int& exit_code) {
  service_config config;
  CLI::App app{"atelier-service: the Atelier products API over Postgres, through actors"};
  app.set_config("--config", "", "read options from this INI/TOML file");
  app.add_option("--host", config.listen_host, "address to listen on")
      ->envname("ATELIER_HOST")
      ->capture_default_str();
  app.add_option("--port", config.listen_port, "TCP port to listen on")
      ->envname("ATELIER_PORT")
      ->capture_default_str();
  app.add_option("--database-url", config.database_url, "Postgres connection string")
      ->envname("ATELIER_DATABASE_URL")
      ->required();
  app.add_option("--pool-size", config.pool_size, "query actors (one connection each)")
      ->envname("ATELIER_POOL_SIZE")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  app.add_option("--max-queued", config.max_queued, "queued requests before shedding with 503")
      ->envname("ATELIER_MAX_QUEUED")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--max-queue-wait-ms", config.max_queue_wait_ms,
                 "shed with 503 + Retry-After when the estimated wait for a query actor exceeds "
                 "this (ms); 0 = automatic: twice the recent query time, at least 1/50 of "
                 "--request-timeout-ms")
      ->envname("ATELIER_MAX_QUEUE_WAIT_MS")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  app.add_option("--ingress-actors", config.ingress_actors, "HTTP ingress actors")
      ->envname("ATELIER_INGRESS_ACTORS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--io-threads", config.io_threads, "HTTP I/O threads")
      ->envname("ATELIER_IO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--actor-threads", config.actor_threads, "CAF scheduler threads")
      ->envname("ATELIER_ACTOR_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--request-timeout-ms", config.request_timeout_ms, "per-request deadline (ms)")
      ->envname("ATELIER_REQUEST_TIMEOUT_MS")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  app.add_option("--max-connections", config.max_connections, "open client connections")
      ->envname("ATELIER_MAX_CONNECTIONS")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--read-timeout-ms", config.read_timeout_ms,
                 "a request's headers and body must arrive within this (slowloris bound, ms)")
      ->envname("ATELIER_READ_TIMEOUT_MS")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  app.add_option("--idle-timeout-ms", config.idle_timeout_ms,
                 "close keep-alive connections idle this long (ms)")
      ->envname("ATELIER_IDLE_TIMEOUT_MS")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  app.add_option("--write-timeout-ms", config.write_timeout_ms,
                 "close connections that take longer to accept one response (ms)")
      ->envname("ATELIER_WRITE_TIMEOUT_MS")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  app.add_option("--max-header-bytes", config.max_header_bytes,
                 "request line and headers above this are answered 431")
      ->envname("ATELIER_MAX_HEADER_BYTES")
      ->check(CLI::Range(4096, 1048576))
      ->capture_default_str();
  app.add_flag("--reuse-port", config.reuse_port, "set SO_REUSEPORT on the listening socket")
      ->envname("ATELIER_REUSE_PORT");
  app.add_option("--memcached", config.memcached_servers, "memcached node host:port (repeatable)")
      ->envname("ATELIER_MEMCACHED")
      ->delimiter(',');
  app.add_option("--cache-shards", config.cache_shards,
                 "cache shard actors, each with one memcached IO actor (with --memcached)")
      ->envname("ATELIER_CACHE_SHARDS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--cache-l1-entries", config.cache_l1_entries,
                 "in-process LRU entries over all shards (0 disables the L1)")
      ->envname("ATELIER_CACHE_L1_ENTRIES")
      ->check(CLI::Range(0, 10000000))
      ->capture_default_str();
  app.add_option("--cache-l1-ttl-ms", config.cache_l1_ttl_ms,
                 "how long an L1 entry is served before memcached is asked again (ms)")
      ->envname("ATELIER_CACHE_L1_TTL_MS")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  bool print_config = false;
  app.add_flag("--print-config", print_config, "print the effective configuration (INI) and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    exit_code = app.exit(error);
    return std::nullopt;
  }
  if (print_config) {
    std::cout << app.config_to_str(true, false);
    exit_code = 0;
    return std::nullopt;
  }
  exit_code = 0;
  return config;
}

}  // namespace atelier
