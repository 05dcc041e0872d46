// A service with a real memcached ring: the sampler feeds the cache series, which /metrics then
// exports (and promtool accepts); a service without a ring exports none.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/metrics/metrics_fixture.hpp"
#include "tests/support/memcached_server.hpp"

namespace atelier::testing {
namespace {

constexpr auto sampler_patience = std::chrono::seconds(5);

double cache_lookups(const std::string& text) {
  return sample_value(text, "atelier_cache_lookups_total", {{"result", "l1_hit"}}) +
         sample_value(text, "atelier_cache_lookups_total", {{"result", "memcached_hit"}}) +
         sample_value(text, "atelier_cache_lookups_total", {{"result", "miss"}});
}

TEST(cache_metrics, sampler_exports_the_cache_front_snapshot) {
  memcached_server node;
  service_config config;
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.database_url = metrics_database_url();
  config.pool_size = 1;
  config.ingress_actors = 1;
  config.memcached_servers = {node.address()};
  service_runtime runtime(config);
  runtime.start();
  constexpr int requests = 5;
  for (int i = 0; i < requests; ++i)
    ASSERT_EQ(http_get(runtime.port(), "/products/1").status, 200u);
  std::string text;
  auto give_up = std::chrono::steady_clock::now() + sampler_patience;
  do {
    text = http_get(runtime.port(), "/metrics").body;
    if (cache_lookups(text) >= requests) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < give_up);
  EXPECT_EQ(cache_lookups(text), requests) << text;
  EXPECT_GE(sample_value(text, "atelier_cache_lookups_total", {{"result", "l1_hit"}}), 1) << text;
  EXPECT_EQ(sample_value(text, "atelier_memcached_node_up", {{"node", node.address()}}), 1) << text;

  auto plain = http_get(metrics_service().port(), "/metrics").body;
  EXPECT_EQ(plain.find("atelier_cache_"), std::string::npos);  // no ring: no cache series
}

}  // namespace
}  // namespace atelier::testing
