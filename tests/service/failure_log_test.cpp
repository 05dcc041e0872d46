// The failure log's throttle and line contents, written to a string stream with explicit clocks.
#include "service/failure_log.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace atelier::testing {
namespace {

using std::chrono::milliseconds;

document_key styles_of(std::int32_t id) {
  document_key key;
  key.kind = document_kind::styles;
  key.product_id = id;
  return key;
}

std::size_t lines_in(const std::string& text) {
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

TEST(failure_log, the_first_failure_is_logged_with_status_class_key_and_detail) {
  std::ostringstream out;
  failure_log log(out, milliseconds(1000));
  log.record(service_error::deadline_exceeded, styles_of(12), "canceling statement due to timeout");
  const auto text = out.str();
  EXPECT_EQ(lines_in(text), 1u) << text;
  EXPECT_NE(text.find("504 deadline_exceeded"), std::string::npos) << text;
  EXPECT_NE(text.find("12"), std::string::npos) << text;
  EXPECT_NE(text.find("canceling statement due to timeout"), std::string::npos) << text;
}

TEST(failure_log, a_flood_is_folded_into_one_line_per_interval_and_counted) {
  std::ostringstream out;
  failure_log log(out, milliseconds(1000));
  const auto start = failure_log::clock::now();
  for (int i = 0; i < 500; ++i)
    log.record(service_error::database_unavailable, styles_of(i), "connection refused",
               start + milliseconds(i));
  EXPECT_EQ(lines_in(out.str()), 1u);
  log.record(service_error::database_unavailable, styles_of(1), "connection refused",
             start + milliseconds(1500));
  EXPECT_EQ(lines_in(out.str()), 2u);
  EXPECT_NE(out.str().find("and 499 more since the last"), std::string::npos) << out.str();
}

TEST(failure_log, classes_are_throttled_apart_and_client_errors_are_not_logged) {
  std::ostringstream out;
  failure_log log(out, milliseconds(1000));
  const auto now = failure_log::clock::now();
  log.record(service_error::overloaded, styles_of(1), "admission", now);
  log.record(service_error::internal, styles_of(1), "bug", now);
  log.record(service_error::not_found, styles_of(1), "", now);
  log.record(service_error::bad_request, styles_of(1), "", now);
  EXPECT_EQ(lines_in(out.str()), 2u) << out.str();
  EXPECT_EQ(out.str().find("404"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace atelier::testing
