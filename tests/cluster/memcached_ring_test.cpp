// The memcached ring against three real memcached nodes: round trips, a killed node, its return.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "cluster/memcached_ring.hpp"
#include "tests/support/memcached_server.hpp"

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr int key_count = 300;
// An operation on a dead node must fail well inside a request deadline.
constexpr auto fail_fast_limit = milliseconds(100);
// Ejection lasts retry/dead timeout (1-2 s); allow generous slack on a loaded CI box.
constexpr auto rejoin_limit = std::chrono::seconds(15);

// For tests of what the ring stores rather than how fast it gives up: a busy 2-core CI machine
// can stall a healthy loopback node past the production 30 ms, which would read as a failure.
ring_settings patient_settings() {
  ring_settings settings;
  settings.connect_timeout = milliseconds(2000);
  settings.poll_timeout = milliseconds(2000);
  return settings;
}

std::string key_of(int index) {
  return "ring-test:" + std::to_string(index);
}

struct three_nodes {
  memcached_server nodes[3];
  std::vector<std::string> servers() const {
    return {nodes[0].address(), nodes[1].address(), nodes[2].address()};
  }
};

// Drives traffic at `keys` until condition holds or rejoin_limit passes: traffic is what makes
// libmemcached notice failures and re-check ejected nodes once their timeout passed.
template <typename Condition>
bool eventually(memcached_ring& ring, const std::vector<std::string>& keys, Condition condition) {
  auto deadline = steady_clock::now() + rejoin_limit;
  while (steady_clock::now() < deadline) {
    for (const auto& key : keys) ring.get(key);
    if (condition()) return true;
    std::this_thread::sleep_for(milliseconds(50));
  }
  return false;
}

// Keys the ring currently places on `node`.
std::vector<std::string> keys_on(memcached_ring& ring, int node) {
  std::vector<std::string> keys;
  for (int index = 0; index < key_count; ++index)
    if (ring.node_of(key_of(index)) == node) keys.push_back(key_of(index));
  return keys;
}

TEST(memcached_ring, round_trips_and_spreads_keys_over_every_node) {
  three_nodes cluster;
  memcached_ring ring(cluster.servers(), patient_settings());
  std::set<int> used;
  for (int index = 0; index < key_count; ++index) {
    ASSERT_EQ(ring.set(key_of(index), "value" + std::to_string(index), 60).status, ring_status::ok);
    used.insert(ring.node_of(key_of(index)));
  }
  EXPECT_EQ(used, (std::set<int>{0, 1, 2}));
  auto read = ring.get(key_of(7));
  EXPECT_EQ(read.status, ring_status::ok);
  EXPECT_EQ(read.value, "value7");
  EXPECT_EQ(ring.get("ring-test:absent").status, ring_status::not_found);
  EXPECT_EQ(ring.add(key_of(7), "other", 60).status, ring_status::not_stored);
  EXPECT_EQ(ring.add("ring-test:fresh", "x", 60).status, ring_status::ok);
  EXPECT_EQ(ring.del(key_of(7)).status, ring_status::ok);
  EXPECT_EQ(ring.del(key_of(7)).status, ring_status::not_found);
  for (const auto& node : ring.health()) {
    EXPECT_TRUE(node.up) << node.address;
    EXPECT_GT(node.ops, 0u) << node.address;
  }
}

TEST(memcached_ring, get_many_answers_every_key_in_order_from_every_node) {
  three_nodes cluster;
  memcached_ring ring(cluster.servers(), patient_settings());
  std::vector<std::string> keys;
  for (int index = 0; index < 60; ++index) {
    ASSERT_EQ(ring.set(key_of(index), "value" + std::to_string(index), 60).status, ring_status::ok);
    keys.push_back(key_of(index));
  }
  keys.insert(keys.begin() + 10, "ring-test:absent-1");
  keys.push_back(key_of(3));  // the same key twice in one batch
  keys.push_back("ring-test:absent-2");
  auto reads = ring.get_many(keys);
  ASSERT_EQ(reads.size(), keys.size());
  for (std::size_t index = 0; index < keys.size(); ++index) {
    if (keys[index].find("absent") != std::string::npos) {
      EXPECT_EQ(reads[index].status, ring_status::not_found) << keys[index];
      continue;
    }
    EXPECT_EQ(reads[index].status, ring_status::ok) << keys[index];
    EXPECT_EQ(reads[index].value, "value" + keys[index].substr(keys[index].find(':') + 1));
  }
  EXPECT_TRUE(ring.get_many({}).empty());
  EXPECT_EQ(ring.get_many({key_of(5)}).at(0).value, "value5");
  std::uint64_t ops = 0;
  for (const auto& node : ring.health()) ops += node.ops;
  EXPECT_EQ(ops, 60u + keys.size() + 1u);  // the sets, one per batched key, the single read
}

TEST(memcached_ring, get_many_of_absent_keys_does_not_wait_for_an_ack) {
  memcached_server node;  // one node: every key of a batch on one connection
  memcached_ring ring({node.address()}, patient_settings());
  const std::vector<std::string> keys{"ring-test:never-set-1", "ring-test:never-set-2"};
  constexpr int batches = 50;
  auto started = steady_clock::now();
  for (int batch = 0; batch < batches; ++batch)
    for (const auto& read : ring.get_many(keys)) EXPECT_EQ(read.status, ring_status::not_found);
  // With Nagle on, each all-miss batch held its closing NOOP until the node's delayed ACK (~40 ms
  // on Linux loopback): 50 batches took over 2 s. Without it they take a few milliseconds.
  EXPECT_LT(steady_clock::now() - started, milliseconds(750));
}

TEST(memcached_ring, get_many_with_a_killed_node_never_answers_its_keys_wrongly) {
  three_nodes cluster;
  memcached_ring ring(cluster.servers());
  std::vector<std::string> keys;
  for (int index = 0; index < key_count; ++index) {
    ASSERT_EQ(ring.set(key_of(index), "v", 60).status, ring_status::ok);
    keys.push_back(key_of(index));
  }
  const auto victims = keys_on(ring, 1);
  ASSERT_FALSE(victims.empty());
  cluster.nodes[1].kill();

  auto started = steady_clock::now();
  auto reads = ring.get_many(keys);
  // The batch fails over to single reads, and the first failure ejects the node.
  EXPECT_LT(steady_clock::now() - started, milliseconds(1000));
  std::set<std::string> victim_set(victims.begin(), victims.end());
  int survivors_read = 0;
  for (std::size_t index = 0; index < keys.size(); ++index) {
    if (victim_set.count(keys[index]) != 0) {
      EXPECT_NE(reads[index].status, ring_status::ok) << keys[index];
    } else if (reads[index].status == ring_status::ok) {
      ++survivors_read;
    }
  }
  EXPECT_GT(survivors_read, 0);
  EXPECT_FALSE(ring.health()[1].up);
  // Once ejected, a batch is clean again: the survivors' keys hit, the victims' are misses.
  ASSERT_TRUE(eventually(ring, victims, [&] { return keys_on(ring, 1).empty(); }));
  reads = ring.get_many(keys);
  for (std::size_t index = 0; index < keys.size(); ++index) {
    auto expected = victim_set.count(keys[index]) != 0 ? ring_status::not_found : ring_status::ok;
    EXPECT_EQ(reads[index].status, expected) << keys[index];
  }
}

TEST(memcached_ring, clone_is_independent_and_sees_the_same_data) {
  three_nodes cluster;
  memcached_ring prototype(cluster.servers(), patient_settings());
  auto first = prototype.clone();
  auto second = prototype.clone();
  ASSERT_EQ(first.set("ring-test:shared", "42", 60).status, ring_status::ok);
  EXPECT_EQ(second.get("ring-test:shared").value, "42");
  EXPECT_EQ(prototype.health()[0].ops + prototype.health()[1].ops + prototype.health()[2].ops, 0u);
}

TEST(memcached_ring, rejects_an_empty_or_malformed_server_list) {
  EXPECT_THROW(memcached_ring(std::vector<std::string>{}), std::invalid_argument);
  EXPECT_THROW(memcached_ring(std::vector<std::string>{"not a server"}), std::invalid_argument);
}

TEST(memcached_ring, a_killed_node_fails_fast_is_ejected_and_rejoins_after_restart) {
  three_nodes cluster;
  memcached_ring ring(cluster.servers());
  const auto victims = keys_on(ring, 1);
  ASSERT_FALSE(victims.empty());
  for (const auto& key : victims) ASSERT_EQ(ring.set(key, "before", 60).status, ring_status::ok);

  cluster.nodes[1].kill();
  bool saw_failure = false;
  for (const auto& key : victims) {
    auto started = steady_clock::now();
    auto read = ring.get(key);
    EXPECT_LT(steady_clock::now() - started, fail_fast_limit) << key;
    saw_failure = saw_failure || read.status == ring_status::unavailable;
  }
  EXPECT_TRUE(saw_failure);
  EXPECT_FALSE(ring.health()[1].up);
  // Ejected once libmemcached's failure limit is reached: the dead node's keys move to the others.
  ASSERT_TRUE(eventually(ring, victims, [&] { return keys_on(ring, 1).empty(); }))
      << "node 1 was not ejected";
  for (const auto& key : victims) {
    EXPECT_NE(ring.node_of(key), 1) << key;
    EXPECT_EQ(ring.set(key, "after", 60).status, ring_status::ok) << key;
    EXPECT_EQ(ring.get(key).value, "after") << key;
  }

  cluster.nodes[1].restart();
  ASSERT_TRUE(eventually(ring, victims, [&] {
    return ring.health()[1].up && !keys_on(ring, 1).empty();
  })) << "node 1 did not rejoin";
  EXPECT_EQ(ring.set(victims.front(), "back", 60).status, ring_status::ok);
  EXPECT_EQ(ring.get(victims.front()).value, "back");
}

}  // namespace
}  // namespace atelier::testing
