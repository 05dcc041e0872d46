// Checks the fixtures themselves: a real Postgres answers queries, a real memcached dies and
// returns.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/memcached_server.hpp"
#include "tests/support/postgres_server.hpp"

namespace atelier::testing {
namespace {

TEST(PostgresServer, ServesFreshDatabasesAndSurvivesRestart) {
  postgres_server server;
  auto url = server.create_database();
  {
    pqxx::connection connection(url);
    pqxx::work work(connection);
    EXPECT_EQ(work.exec1("SELECT 40 + 2")[0].as<int>(), 42);
  }
  server.stop();
  EXPECT_THROW(pqxx::connection{url}, pqxx::broken_connection);
  server.start();
  pqxx::connection connection(url);
  EXPECT_TRUE(connection.is_open());
}

TEST(MemcachedServer, AcceptsConnectionsUntilKilledThenRestarts) {
  memcached_server node;
  EXPECT_TRUE(wait_for_port(node.port(), 1000));
  node.kill();
  EXPECT_FALSE(wait_for_port(node.port(), 200));
  node.restart();
  EXPECT_TRUE(wait_for_port(node.port(), 1000));
}

}  // namespace
}  // namespace atelier::testing
