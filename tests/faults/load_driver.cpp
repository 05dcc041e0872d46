// The fault suite's load driver: one thread and one keep-alive connection per simulated client,
// per-thread tallies merged at the end so the hot path takes no locks.
#include "tests/faults/load_driver.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/support/http_client.hpp"

namespace atelier::testing {
namespace {

using clock_type = std::chrono::steady_clock;

/// One thread's counts and latency samples; merged after the threads join.
struct thread_tally {
  std::uint64_t requests = 0;
  std::uint64_t transport_errors = 0;
  std::uint64_t unsent = 0;
  std::uint64_t shed_without_retry_after = 0;
  std::uint64_t slow = 0;
  std::map<unsigned, std::uint64_t> statuses;
  std::vector<double> admitted_ms;
  std::vector<double> shed_ms;
  std::vector<double> all_ms;
};

bool admitted_status(unsigned status) {
  return (status >= 200 && status < 300) || status == 304 || status == 404;
}

void record(thread_tally& tally, const http_response& response, double latency_ms) {
  auto status = response.result_int();
  ++tally.statuses[status];
  tally.all_ms.push_back(latency_ms);
  if (admitted_status(status)) tally.admitted_ms.push_back(latency_ms);
  if (status == 503) {
    tally.shed_ms.push_back(latency_ms);
    if (header_of(response, "Retry-After").empty()) ++tally.shed_without_retry_after;
  }
}

/// Slots of this thread whose time falls before the end of an open-loop run.
std::uint64_t slots_of(int thread_index, const load_options& options) {
  double total = options.rate_per_second * std::chrono::duration<double>(options.duration).count();
  double mine = std::ceil((total - thread_index) / options.connections);
  return mine > 0 ? static_cast<std::uint64_t>(mine) : 0;
}

void drive(unsigned short port, const load_options& options, int thread_index,
           clock_type::time_point start, thread_tally& tally) {
  std::mt19937_64 random(options.seed * 7919 + static_cast<std::uint64_t>(thread_index));
  const auto end = start + options.duration;
  const bool paced = options.rate_per_second > 0;
  const auto slot_gap =
      paced ? std::chrono::duration<double>(options.connections / options.rate_per_second)
            : std::chrono::duration<double>(0);
  const auto first_offset =
      paced ? std::chrono::duration<double>(thread_index / options.rate_per_second)
            : std::chrono::duration<double>(0);
  auto client = std::make_unique<http_client>(port);
  std::this_thread::sleep_until(start);
  for (std::uint64_t slot = 0;; ++slot) {
    auto intended = clock_type::now();
    if (paced) {
      intended =
          start + std::chrono::duration_cast<clock_type::duration>(first_offset + slot * slot_gap);
      if (intended >= end) break;
      // Behind schedule at the end of the run: what is left was never offered.
      if (clock_type::now() >= end) {
        tally.unsent = slots_of(thread_index, options) - slot;
        break;
      }
      std::this_thread::sleep_until(intended);
    } else if (intended >= end) {
      break;
    }
    auto target = options.targets(random);
    if (!client->connected()) client = std::make_unique<http_client>(port);
    ++tally.requests;
    auto response = client->request("GET", target, {}, options.read_timeout);
    double latency_ms =
        std::chrono::duration<double, std::milli>(clock_type::now() - intended).count();
    if (!response) {
      ++tally.transport_errors;
      client = std::make_unique<http_client>(port);
      continue;
    }
    record(tally, *response, latency_ms);
    if (options.slow_after.count() > 0 && latency_ms > options.slow_after.count()) ++tally.slow;
    if (!response->keep_alive()) client = std::make_unique<http_client>(port);
  }
}

}  // namespace

latency_summary summarize(std::vector<double> samples) {
  latency_summary summary;
  summary.count = samples.size();
  if (samples.empty()) return summary;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double quantile) {
    auto rank = static_cast<std::size_t>(std::ceil(quantile * samples.size()));
    return samples[std::max<std::size_t>(rank, 1) - 1];
  };
  summary.p50_ms = at(0.50);
  summary.p99_ms = at(0.99);
  summary.max_ms = samples.back();
  return summary;
}

target_generator uniform_targets(route_mix mix, int first_id, int last_id, int page_count) {
  return [=](std::mt19937_64& random) {
    std::uniform_int_distribution<int> ids(first_id, last_id);
    const int id = ids(random);
    auto route = mix;
    if (mix == route_mix::page_view) {
      static constexpr route_mix page_view[] = {route_mix::product, route_mix::styles,
                                                route_mix::related};
      route = page_view[std::uniform_int_distribution<int>(0, 2)(random)];
    }
    switch (route) {
      case route_mix::styles:
        return "/products/" + std::to_string(id) + "/styles";
      case route_mix::related:
        return "/products/" + std::to_string(id) + "/related";
      case route_mix::page:
        return "/products?page=" + std::to_string((id - 1) / page_count + 1) +
               "&count=" + std::to_string(page_count);
      default:
        return "/products/" + std::to_string(id);
    }
  };
}

std::uint64_t load_result::count(unsigned status) const {
  auto found = status_counts.find(status);
  return found == status_counts.end() ? 0 : found->second;
}

std::uint64_t load_result::unexpected() const {
  std::uint64_t total = 0;
  for (const auto& [status, count] : status_counts)
    if (!admitted_status(status) && status != 503) total += count;
  return total;
}

double load_result::admitted_per_second() const {
  return elapsed_seconds > 0 ? static_cast<double>(admitted.count) / elapsed_seconds : 0;
}

std::string load_result::status_line() const {
  std::ostringstream line;
  for (const auto& [status, count] : status_counts) line << status << ':' << count << ' ';
  line << "transport:" << transport_errors << " unsent:" << unsent;
  return line.str();
}

load_result run_load(unsigned short port, const load_options& options) {
  std::vector<thread_tally> tallies(static_cast<std::size_t>(options.connections));
  std::vector<std::thread> threads;
  // A short head start so every thread has connected before the schedule begins.
  const auto start = clock_type::now() + std::chrono::milliseconds(50);
  for (int index = 0; index < options.connections; ++index)
    threads.emplace_back(drive, port, std::cref(options), index, start,
                         std::ref(tallies[static_cast<std::size_t>(index)]));
  for (auto& thread : threads) thread.join();
  load_result result;
  result.elapsed_seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  std::vector<double> admitted;
  std::vector<double> shed;
  std::vector<double> all;
  for (auto& tally : tallies) {
    result.requests += tally.requests;
    result.transport_errors += tally.transport_errors;
    result.unsent += tally.unsent;
    result.shed_without_retry_after += tally.shed_without_retry_after;
    result.slow += tally.slow;
    for (const auto& [status, count] : tally.statuses) result.status_counts[status] += count;
    admitted.insert(admitted.end(), tally.admitted_ms.begin(), tally.admitted_ms.end());
    shed.insert(shed.end(), tally.shed_ms.begin(), tally.shed_ms.end());
    all.insert(all.end(), tally.all_ms.begin(), tally.all_ms.end());
  }
  result.admitted = summarize(std::move(admitted));
  result.shed = summarize(std::move(shed));
  result.all = summarize(std::move(all));
  return result;
}

}  // namespace atelier::testing
