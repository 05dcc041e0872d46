// The progress meter.
#include "import/progress_meter.hpp"

namespace atelier::import {

double seconds_since(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

progress_meter::progress_meter(std::FILE* out, bool interactive, std::string_view file_name,
                               std::uint64_t file_bytes)
    : out_(out),
      interactive_(interactive),
      file_name_(file_name),
      file_bytes_(file_bytes),
      started_(std::chrono::steady_clock::now()),
      last_redraw_(started_) {}

void progress_meter::redraw(std::uint64_t rows, std::uint64_t bytes_consumed) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_redraw_ < redraw_interval) return;
  last_redraw_ = now;
  const double elapsed = seconds_since(started_);
  const double fraction =
      file_bytes_ == 0 ? 1.0 : static_cast<double>(bytes_consumed) / file_bytes_;
  const double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  std::fprintf(out_, "\r\033[K%-13s %12llu rows %10.0f rows/s %5.1f%% ETA %5.0fs",
               file_name_.c_str(), static_cast<unsigned long long>(rows),
               elapsed > 0 ? rows / elapsed : 0.0, fraction * 100, eta);
  std::fflush(out_);
}

void progress_meter::done(std::uint64_t rows, std::uint64_t rejected) {
  const double elapsed = seconds_since(started_);
  std::fprintf(out_, "%s%-13s %12llu rows %8llu rejected %7.1fs %10.0f rows/s\n",
               interactive_ ? "\r\033[K" : "", file_name_.c_str(),
               static_cast<unsigned long long>(rows), static_cast<unsigned long long>(rejected),
               elapsed, elapsed > 0 ? rows / elapsed : 0.0);
  std::fflush(out_);
}

}  // namespace atelier::import
