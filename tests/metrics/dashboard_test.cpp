// Loads /dashboard in headless Chromium while a thread keeps the service busy, and checks that the
// page's live tiles and charts show non-zero data; leaves a screenshot in the build directory.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <regex>
#include <thread>

#include "tests/metrics/metrics_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace atelier::testing {
namespace {

// Five refreshes of the page's one-second poll, in Chromium's virtual time.
constexpr int virtual_time_budget_ms = 5000;

/// Sends requests (a mix of routes, and some bad ids) until destroyed.
class load_thread {
 public:
  explicit load_thread(unsigned short port)
      : thread_([this, port] {
          for (int i = 0; !stop_; ++i) {
            auto id = std::to_string(1 + i % metrics_products);
            const std::string targets[] = {"/products/" + id, "/products/" + id + "/styles",
                                           "/products/" + id + "/related", "/products?count=5",
                                           "/products/bad"};
            http_get(port, targets[i % 5]);
          }
        }) {}
  ~load_thread() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

std::string chromium_command(const std::filesystem::path& profile, const std::string& action,
                             unsigned short port) {
  return "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync "
         "--disable-dev-shm-usage --user-data-dir=" +
         profile.string() + " --window-size=1400,1500 --virtual-time-budget=" +
         std::to_string(virtual_time_budget_ms) + " " + action +
         " http://127.0.0.1:" + std::to_string(port) + "/dashboard";
}

/// The text of the element with data-testid=`test_id` in the dumped DOM ("" if absent).
std::string testid_text(const std::string& dom, const std::string& test_id) {
  std::regex element("data-testid=\"" + test_id + "\"[^>]*>([^<]*)<");
  std::smatch match;
  return std::regex_search(dom, match, element) ? match[1].str() : std::string();
}

/// The value of attribute `name` on the element with data-testid=`test_id` ("" if absent).
std::string testid_attribute(const std::string& dom, const std::string& test_id,
                             const std::string& name) {
  std::regex element("<[^>]*data-testid=\"" + test_id + "\"[^>]*>");
  std::smatch match;
  if (!std::regex_search(dom, match, element)) return {};
  std::regex attribute(name + "=\"([^\"]*)\"");
  std::smatch value;
  std::string tag = match[0].str();
  return std::regex_search(tag, value, attribute) ? value[1].str() : std::string();
}

double number_in(const std::string& text) {
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return 0;
  }
}

TEST(dashboard_browser, live_tiles_and_charts_show_non_zero_data_under_load) {
  if (!ensure_installed("chromium", "chromium"))
    GTEST_SKIP() << "\n*** chromium unavailable: apt-get install chromium failed; the dashboard "
                    "was NOT checked in a browser ***\n";
  auto port = metrics_service().port();
  load_thread load(port);
  temp_dir profile("atelier-chromium");
  auto dump = run_shell(chromium_command(profile.path(), "--dump-dom", port));
  ASSERT_EQ(dump.exit_code, 0) << dump.output;
  const std::string& dom = dump.output;

  EXPECT_GE(number_in(testid_text(dom, "scrapes")), 2) << dom;
  EXPECT_GT(number_in(testid_text(dom, "request-rate")), 0) << dom;
  EXPECT_GT(number_in(testid_text(dom, "p99-ms")), 0) << dom;
  EXPECT_GT(number_in(testid_text(dom, "pg-up")), 0) << dom;
  EXPECT_GT(number_in(testid_text(dom, "rss-mib")), 0) << dom;
  EXPECT_EQ(testid_text(dom, "cache-hit-ratio"), "no cache");  // this service has no cache
  EXPECT_GE(number_in(testid_attribute(dom, "chart-rate", "data-points")), 2) << dom;
  EXPECT_GT(number_in(testid_attribute(dom, "chart-rate", "data-non-zero-points")), 0) << dom;
  EXPECT_GT(number_in(testid_attribute(dom, "chart-p99", "data-non-zero-points")), 0) << dom;
  EXPECT_GT(number_in(testid_attribute(dom, "chart-errors", "data-non-zero-points")), 0) << dom;

  auto screenshot = std::filesystem::path(ATELIER_METRICS_ARTIFACTS) / "dashboard.png";
  std::filesystem::remove(screenshot);
  temp_dir shot_profile("atelier-chromium");
  auto shot =
      run_shell(chromium_command(shot_profile.path(), "--screenshot=" + screenshot.string(), port));
  EXPECT_EQ(shot.exit_code, 0) << shot.output;
  EXPECT_TRUE(std::filesystem::exists(screenshot)) << shot.output;
}

}  // namespace
}  // namespace atelier::testing
