// Request coalescing: identical concurrent requests, in one cache layer and across two layers
// sharing a memcached ring, reach Postgres once.
#include <gtest/gtest.h>

#include <cstdio>
#include <future>

#include "tests/actors/cache_fixture.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

constexpr auto version_wait = milliseconds(5000);

TEST(cache_coalescing, a_thousand_identical_requests_cause_one_query) {
  auto nodes = start_memcached(3);
  cache_stack stack(catalog_database(), test_cache_config(addresses(nodes)));
  ASSERT_TRUE(stack.wait_for_version(0, version_wait));
  const auto queries_before = stack.pool_counters().processed;

  auto outcomes = burst(stack.system(), stack.source(), {product_key(1)}, 1000);

  EXPECT_EQ(stack.pool_counters().processed - queries_before, 1u);
  ASSERT_EQ(outcomes.size(), 1000u);
  EXPECT_EQ(failures(outcomes), 0u);
  for (const auto& outcome : outcomes) {
    EXPECT_EQ(outcome.state, document_outcome::status::found);
    EXPECT_EQ(outcome.json, outcomes.front().json);
  }
  auto counters = stack.cache_counters();
  EXPECT_EQ(counters.misses, 1u);
  EXPECT_EQ(counters.fills, 1u);
  EXPECT_EQ(counters.coalesced_waiters + counters.l1_hits, 999u);
}

TEST(cache_coalescing, two_layers_sharing_the_ring_fill_once_through_the_lease) {
  auto nodes = start_memcached(3);
  const auto url = catalog_database();
  cache_stack first(url, test_cache_config(addresses(nodes)));
  cache_stack second(url, test_cache_config(addresses(nodes)));
  ASSERT_TRUE(first.wait_for_version(0, version_wait));
  ASSERT_TRUE(second.wait_for_version(0, version_wait));
  const auto before = first.pool_counters().processed + second.pool_counters().processed;

  const std::vector<document_key> keys{product_key(2, document_kind::styles)};
  auto other = std::async(std::launch::async,
                          [&] { return burst(second.system(), second.source(), keys, 500); });
  auto mine = burst(first.system(), first.source(), keys, 500);
  auto theirs = other.get();

  const auto after = first.pool_counters().processed + second.pool_counters().processed;
  EXPECT_EQ(after - before, 1u);
  EXPECT_EQ(failures(mine) + failures(theirs), 0u);
  EXPECT_EQ(mine.front().json, theirs.front().json);
  auto first_counters = first.cache_counters();
  auto second_counters = second.cache_counters();
  // The layer that did not fill got the value from memcached (directly or after a lease wait).
  EXPECT_EQ(first_counters.memcached_hits + second_counters.memcached_hits, 1u);
}

TEST(cache_coalescing, missing_products_are_cached_too) {
  auto nodes = start_memcached(1);
  cache_stack stack(catalog_database(), test_cache_config(addresses(nodes)));
  ASSERT_TRUE(stack.wait_for_version(0, version_wait));
  const auto before = stack.pool_counters().processed;
  const auto absent = product_key(900000);
  EXPECT_EQ(ask(stack.system(), stack.source(), absent).state, document_outcome::status::missing);
  EXPECT_EQ(ask(stack.system(), stack.source(), absent).state, document_outcome::status::missing);
  EXPECT_EQ(stack.pool_counters().processed - before, 1u);
}

TEST(cache_coalescing, concurrent_misses_of_distinct_keys_share_ring_round_trips) {
  auto nodes = start_memcached(3);
  auto config = test_cache_config(addresses(nodes));
  config.l1_entries = 0;  // every request goes to the ring
  cache_stack stack(catalog_database(), config);
  ASSERT_TRUE(stack.wait_for_version(0, version_wait));
  std::vector<document_key> keys;
  for (std::int32_t id = 1; id <= 200; ++id) {
    keys.push_back(product_key(id));
    keys.push_back(product_key(id, document_kind::styles));
  }
  auto filled = burst(stack.system(), stack.source(), keys, keys.size());
  ASSERT_EQ(failures(filled), 0u);
  const auto before = stack.cache_counters();
  const auto queries_before = stack.pool_counters().processed;

  auto outcomes = burst(stack.system(), stack.source(), keys, keys.size());

  EXPECT_EQ(failures(outcomes), 0u);
  EXPECT_EQ(stack.pool_counters().processed, queries_before);
  const auto after = stack.cache_counters();
  const auto hits = after.memcached_hits - before.memcached_hits;
  const auto batches = after.ring_batches - before.ring_batches;
  EXPECT_EQ(hits, keys.size());
  // Lookups that reach a shard while its batch is out travel together in the next one.
  EXPECT_LE(batches * 4, hits) << batches << " batches for " << hits << " ring hits";
  std::printf("[ measured ] %llu ring hits in %llu batches\n",
              static_cast<unsigned long long>(hits), static_cast<unsigned long long>(batches));
}

}  // namespace
}  // namespace atelier::testing
