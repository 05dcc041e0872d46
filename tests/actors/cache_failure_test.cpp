// The cache layer when things change or break: re-import, a killed memcached node, Postgres down.
#include <gtest/gtest.h>

#include <cstdio>
#include <thread>

#include "http/error_response.hpp"
#include "tests/actors/cache_fixture.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

constexpr auto version_wait = milliseconds(5000);
// Ejection and re-admission run on libmemcached's 1-2 s timeouts; leave slack for a busy box.
constexpr auto rejoin_wait = std::chrono::seconds(20);

std::vector<document_key> product_keys(std::int32_t count) {
  std::vector<document_key> keys;
  for (std::int32_t id = 1; id <= count; ++id) keys.push_back(product_key(id));
  return keys;
}

TEST(cache_failures, a_reimport_invalidates_cached_documents) {
  auto nodes = start_memcached(2);
  const auto url = catalog_database(42);
  cache_stack stack(url, test_cache_config(addresses(nodes)));
  ASSERT_TRUE(stack.wait_for_version(0, version_wait));
  auto before = ask(stack.system(), stack.source(), product_key(1));
  ASSERT_EQ(before.state, document_outcome::status::found);

  reimport_catalog(url, 43);
  ASSERT_TRUE(stack.wait_for_version(before.dataset_version, version_wait));

  auto after = ask(stack.system(), stack.source(), product_key(1));
  EXPECT_EQ(after.dataset_version, before.dataset_version + 1);
  EXPECT_NE(after.json, before.json);
}

TEST(cache_failures, killing_a_node_under_load_fails_almost_nothing_and_it_rejoins) {
  auto nodes = start_memcached(3);
  auto config = test_cache_config(addresses(nodes));
  config.l1_entries = 0;  // every request goes to the ring
  cache_stack stack(catalog_database(), config);
  ASSERT_TRUE(stack.wait_for_version(0, version_wait));
  const auto keys = product_keys(100);
  ASSERT_EQ(failures(burst(stack.system(), stack.source(), keys, 100)), 0u);

  std::size_t sent = 0;
  std::size_t failed = 0;
  for (int round = 0; round < 10; ++round) {
    if (round == 2) nodes[1]->kill();
    auto outcomes = burst(stack.system(), stack.source(), keys, 500);
    sent += outcomes.size();
    failed += failures(outcomes);
  }
  EXPECT_EQ(sent, 5000u);
  EXPECT_LT(failed * 1000, sent) << failed << " of " << sent << " failed";
  auto counters = stack.cache_counters();
  ASSERT_EQ(counters.nodes.size(), 3u);
  EXPECT_FALSE(counters.nodes[1].up);
  // Remapped: the other nodes hold the dead node's keys now, so (nearly) every distinct key of a
  // burst is a ring hit again (identical requests in the burst coalesce onto one lookup).
  const auto hits_before = counters.memcached_hits;
  burst(stack.system(), stack.source(), keys, 500);
  EXPECT_GE(stack.cache_counters().memcached_hits - hits_before, 95u);
  std::printf("[ measured ] %zu of %zu requests failed across the kill\n", failed, sent);

  nodes[1]->restart();
  auto deadline = std::chrono::steady_clock::now() + rejoin_wait;
  bool rejoined = false;
  while (!rejoined && std::chrono::steady_clock::now() < deadline) {
    burst(stack.system(), stack.source(), keys, 200);
    rejoined = stack.cache_counters().nodes[1].up;
  }
  EXPECT_TRUE(rejoined) << "the restarted node never served again";
}

// Restarts Postgres when the test ends, whatever happened: the cluster is shared by the binary.
struct postgres_restart {
  bool needed = true;
  ~postgres_restart() {
    if (needed) cache_postgres().start();
  }
};

TEST(cache_failures, with_postgres_down_a_cached_key_is_served_stale_and_an_uncached_one_is_503) {
  auto nodes = start_memcached(1);
  auto config = test_cache_config(addresses(nodes));
  config.shard.l1_ttl = milliseconds(100);
  const auto url = catalog_database();
  cache_stack stack(url, config);
  ASSERT_TRUE(stack.wait_for_version(0, version_wait));
  auto cached = ask(stack.system(), stack.source(), product_key(3));
  ASSERT_EQ(cached.state, document_outcome::status::found);

  postgres_restart restart_at_end;
  cache_postgres().stop();
  nodes[0]->restart();  // empties memcached: only the expired L1 copy is left
  std::this_thread::sleep_for(milliseconds(200));

  auto served = ask(stack.system(), stack.source(), product_key(3));
  EXPECT_EQ(served.state, document_outcome::status::found);
  EXPECT_EQ(served.json, cached.json);
  EXPECT_GE(stack.cache_counters().stale_serves, 1u);
  auto uncached = ask(stack.system(), stack.source(), product_key(150));
  ASSERT_EQ(uncached.state, document_outcome::status::failed);
  EXPECT_EQ(http::status_for(uncached.error), 503u);

  cache_postgres().start();
  restart_at_end.needed = false;
  // The failure was not cached: once Postgres is back the same key is answered.
  std::vector<document_outcome> again;
  for (int attempt = 0; attempt < 50; ++attempt) {
    again = {ask(stack.system(), stack.source(), product_key(150))};
    if (again.front().state == document_outcome::status::found) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_EQ(again.front().state, document_outcome::status::found);
}

}  // namespace
}  // namespace atelier::testing
