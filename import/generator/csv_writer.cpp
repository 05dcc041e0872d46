// Implementation of the buffered RFC 4180 CSV writer.
#include "import/generator/csv_writer.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace atelier::generator {
namespace {

// Large enough that fwrite overhead vanishes, small enough for six files on two threads.
constexpr std::size_t flush_threshold_bytes = 4u << 20;
constexpr std::size_t buffer_reserve_bytes = flush_threshold_bytes + (64u << 10);

std::runtime_error io_error(const std::filesystem::path& path, const char* what) {
  return std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

csv_writer::csv_writer(const std::filesystem::path& path, std::string_view header) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) throw io_error(path_, "cannot create");
  buffer_.reserve(buffer_reserve_bytes);
  buffer_.append(header);
  buffer_.push_back('\n');
}

csv_writer::~csv_writer() {
  // Destruction without finish() happens only while unwinding from another error.
  if (file_ != nullptr) std::fclose(file_);
}

void csv_writer::separate() {
  if (row_started_) buffer_.push_back(',');
  row_started_ = true;
}

void csv_writer::integer(std::uint64_t value) {
  separate();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, result.ptr);
}

void csv_writer::signed_integer(std::int64_t value) {
  separate();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, result.ptr);
}

void csv_writer::price(std::uint64_t cents) {
  integer(cents / 100);
  const auto fraction = static_cast<unsigned>(cents % 100);
  if (fraction == 0) return;
  buffer_.push_back('.');
  buffer_.push_back(static_cast<char>('0' + fraction / 10));
  if (fraction % 10 != 0) buffer_.push_back(static_cast<char>('0' + fraction % 10));
}

void csv_writer::quoted(std::string_view text) {
  separate();
  buffer_.push_back('"');
  for (;;) {
    const auto quote = text.find('"');
    if (quote == std::string_view::npos) break;
    buffer_.append(text.data(), quote + 1);
    buffer_.push_back('"');
    text.remove_prefix(quote + 1);
  }
  buffer_.append(text);
  buffer_.push_back('"');
}

void csv_writer::raw(std::string_view text) {
  separate();
  buffer_.append(text);
}

void csv_writer::end_row() {
  buffer_.push_back('\n');
  row_started_ = false;
  ++rows_;
  if (buffer_.size() >= flush_threshold_bytes) flush_buffer();
}

void csv_writer::flush_buffer() {
  if (buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    throw io_error(path_, "cannot write");
  }
  buffer_.clear();
}

void csv_writer::finish() {
  if (file_ == nullptr) return;
  flush_buffer();
  std::FILE* closing = file_;
  file_ = nullptr;
  if (std::fclose(closing) != 0) throw io_error(path_, "cannot close");
}

}  // namespace atelier::generator
