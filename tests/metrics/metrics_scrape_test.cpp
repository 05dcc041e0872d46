// Scrapes /metrics of a real service before and after known requests: counters and histogram
// counts must move by exactly the requests sent, and promtool must accept the exposition.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "metrics/service_metrics.hpp"
#include "tests/metrics/metrics_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

constexpr auto sampler_patience = std::chrono::seconds(5);

std::string scrape() {
  auto reply = http_get(metrics_service().port(), "/metrics");
  EXPECT_EQ(reply.status, 200u);
  return reply.body;
}

/// Runs `promtool check metrics` on `exposition`; the test fails loudly when promtool is missing
/// and cannot be installed, since the check is part of what this suite promises.
void expect_promtool_accepts(const std::string& exposition) {
  if (!ensure_installed("promtool", "prometheus"))
    GTEST_SKIP() << "\n*** promtool unavailable: apt-get install prometheus failed; the "
                    "exposition was NOT checked ***\n";
  temp_dir dir("atelier-promtool");
  auto path = dir.path() / "metrics.txt";
  std::ofstream(path) << exposition;
  auto result = run_shell("promtool check metrics < " + path.string());
  EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- exposition ---\n" << exposition;
}

TEST(metrics_scrape, route_counters_and_histograms_move_by_exactly_the_requests_sent) {
  auto port = metrics_service().port();
  constexpr int styles_requests = 7;
  // The generated catalog has gaps (deliberately rejected rows): find ids that exist first.
  std::vector<int> product_ids;
  for (int id = 1; id <= metrics_products && product_ids.size() < styles_requests; ++id)
    if (http_get(port, "/products/" + std::to_string(id) + "/styles").status == 200)
      product_ids.push_back(id);
  ASSERT_EQ(product_ids.size(), static_cast<std::size_t>(styles_requests));
  const std::string before = scrape();
  constexpr int bad_ids = 3;
  constexpr int list_requests = 2;
  for (int id : product_ids) {
    auto reply = http_get(port, "/products/" + std::to_string(id) + "/styles");
    ASSERT_EQ(reply.status, 200u) << reply.body;
  }
  for (int i = 0; i < bad_ids; ++i)
    ASSERT_EQ(http_get(port, "/products/x" + std::to_string(i)).status, 400u);
  for (int i = 0; i < list_requests; ++i)
    ASSERT_EQ(http_get(port, "/products?count=3").status, 200u);
  const std::string after = scrape();

  auto delta = [&](const std::string& name, const std::map<std::string, std::string>& labels) {
    return sample_value(after, name, labels) - sample_value(before, name, labels);
  };
  EXPECT_EQ(delta("atelier_http_requests_total", {{"route", "styles"}, {"code", "200"}}),
            styles_requests);
  EXPECT_EQ(delta("atelier_http_request_duration_seconds_count", {{"route", "styles"}}),
            styles_requests);
  EXPECT_EQ(delta("atelier_http_requests_total", {{"route", "other"}, {"code", "400"}}), bad_ids);
  EXPECT_EQ(delta("atelier_http_requests_total", {{"route", "products_list"}, {"code", "200"}}),
            list_requests);
  EXPECT_EQ(delta("atelier_http_request_duration_seconds_count", {{"route", "products_list"}}),
            list_requests);
  EXPECT_EQ(delta("atelier_http_requests_total", {{"route", "product"}, {"code", "200"}}), 0);
  // Only the valid requests reach the pool; every one waited in (or skipped) its queue once.
  const std::map<std::string, std::string> pool{{"name", "query_pool"}};
  const int pool_requests = styles_requests + list_requests;
  EXPECT_EQ(delta("atelier_pool_processed_total", pool), pool_requests);
  EXPECT_EQ(delta("caf_actor_mailbox_time_seconds_count", pool), pool_requests);
  EXPECT_EQ(delta("caf_actor_processing_time_seconds_count", pool), pool_requests);
  EXPECT_EQ(delta("atelier_postgres_query_duration_seconds_count", pool), pool_requests);
  EXPECT_EQ(delta("atelier_pool_rejected_total", pool), 0);
  EXPECT_GT(sample_value(after, "atelier_http_request_duration_seconds_sum", {{"route", "styles"}}),
            0);
}

TEST(metrics_scrape, sampler_pool_gauges_and_process_metrics) {
  const std::map<std::string, std::string> pool{{"name", "query_pool"}};
  ASSERT_EQ(http_get(metrics_service().port(), "/products/1").status, 200u);
  std::string text;
  auto give_up = std::chrono::steady_clock::now() + sampler_patience;
  do {
    text = scrape();
    if (sample_value(text, "atelier_pool_workers", pool) == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < give_up);
  EXPECT_EQ(sample_value(text, "atelier_pool_workers", pool), 2);
  EXPECT_EQ(sample_value(text, "atelier_pool_busy_workers", pool), 0);  // idle between requests
  EXPECT_EQ(sample_value(text, "caf_actor_mailbox_size", pool), 0);
  EXPECT_GE(sample_value(text, "atelier_postgres_connections_up", pool), 1);
  // first connections are not reconnects
  EXPECT_EQ(sample_value(text, "atelier_postgres_reconnects_total", pool), 0);
  EXPECT_GT(sample_value(text, "process_resident_memory_bytes"), 1024 * 1024);
  EXPECT_GT(sample_value(text, "process_open_fds"), 3);
  EXPECT_GT(sample_value(text, "atelier_process_uptime_seconds"), 0);
  EXPECT_GT(sample_value(text, "process_start_time_seconds"), 1.6e9);
}

TEST(metrics_scrape,
     killed_postgres_backends_are_counted_as_reconnects_and_requests_still_succeed) {
  const std::map<std::string, std::string> pool{{"name", "query_pool"}};
  const auto port = metrics_service().port();
  // Both workers connect (each answers one of two concurrent-enough requests over time).
  for (int id = 1; id <= 20; ++id) http_get(port, "/products/" + std::to_string(id));
  ASSERT_EQ(sample_value(scrape(), "atelier_postgres_reconnects_total", pool), 0);
  {
    pqxx::connection admin(metrics_database_url());
    pqxx::nontransaction work(admin);
    auto killed = work.exec1(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
        "current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
    ASSERT_GE(killed[0].as<int>(), 1) << "no service connection to kill";
  }
  for (int id = 1; id <= 20; ++id) {
    auto reply = http_get(port, "/products/" + std::to_string(id) + "/related");
    EXPECT_TRUE(reply.status == 200u || reply.status == 404u) << id << ": " << reply.body;
  }
  EXPECT_GE(sample_value(scrape(), "atelier_postgres_reconnects_total", pool), 1);
}

TEST(metrics_scrape, exposition_has_the_prometheus_content_type_and_passes_promtool) {
  ASSERT_EQ(http_get(metrics_service().port(), "/products/2/related").status, 200u);
  auto reply = http_get(metrics_service().port(), "/metrics");
  ASSERT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(reply.body.find("# TYPE caf_actor_mailbox_time_seconds histogram") == std::string::npos,
            false);
  expect_promtool_accepts(reply.body);
}

TEST(metrics_scrape, cache_hook_adds_series_only_once_fed_and_advances_by_growth) {
  prometheus::Registry registry;
  metrics::service_metrics metrics(registry);
  EXPECT_EQ(metrics.scrape().find("atelier_cache"), std::string::npos);  // no cache: no series
  metrics::cache_figures figures;
  figures.l1_hits = 5;
  figures.misses = 2;
  figures.coalesced_waiters = 1;
  figures.nodes = {{"10.0.0.1:11211", true, 0, 0}, {"10.0.0.2:11211", false, 4, 1}};
  metrics.update_cache(figures);
  figures.l1_hits = 8;
  metrics.update_cache(figures);
  auto text = metrics.scrape();
  EXPECT_EQ(sample_value(text, "atelier_cache_lookups_total", {{"result", "l1_hit"}}), 8);
  EXPECT_EQ(sample_value(text, "atelier_cache_lookups_total", {{"result", "miss"}}), 2);
  EXPECT_EQ(sample_value(text, "atelier_cache_events_total", {{"event", "coalesced"}}), 1);
  EXPECT_EQ(sample_value(text, "atelier_memcached_node_up", {{"node", "10.0.0.2:11211"}}), 0);
  EXPECT_EQ(sample_value(text, "atelier_memcached_node_up", {{"node", "10.0.0.1:11211"}}), 1);
  EXPECT_EQ(
      sample_value(text, "atelier_memcached_node_failures_total", {{"node", "10.0.0.2:11211"}}), 4);
  expect_promtool_accepts(text);
}

TEST(metrics_scrape, dashboard_and_its_assets_are_served_from_the_binary) {
  auto port = metrics_service().port();
  auto page = http_get(port, "/dashboard");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("/dashboard/uplot.js"), std::string::npos);
  auto uplot = http_get(port, "/dashboard/uplot.js");
  ASSERT_EQ(uplot.status, 200u);
  EXPECT_EQ(uplot.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(uplot.body.find("uPlot"), std::string::npos);
  EXPECT_EQ(http_get(port, "/dashboard/uplot.css").status, 200u);
  EXPECT_EQ(http_get(port, "/dashboard/app.js").status, 200u);
  EXPECT_EQ(http_get(port, "/dashboard/app.css").status, 200u);
  EXPECT_EQ(http_get(port, "/dashboard/secrets.txt").status, 404u);
}

}  // namespace
}  // namespace atelier::testing
