// The streaming CSV reader: line framing over a fixed buffer, then RFC 4180 field splitting per
// line.
#include "import/csv_reader.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace atelier::import {
namespace {

// Bytes asked of fread at a time; large reads keep the syscall count low on multi-GiB files.
constexpr std::size_t read_chunk_bytes = 1 << 20;
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Appends the quoted field starting after its opening quote at `i`; returns false if never closed.
bool take_quoted(std::string_view line, std::size_t& i, std::string& storage) {
  const std::size_t n = line.size();
  while (i < n) {
    const void* quote = std::memchr(line.data() + i, '"', n - i);
    if (quote == nullptr) {
      storage.append(line.data() + i, n - i);
      i = n;
      return false;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char*>(quote) - line.data());
    storage.append(line.data() + i, at - i);
    if (at + 1 < n && line[at + 1] == '"') {  // doubled quote stands for one quote
      storage.push_back('"');
      i = at + 2;
      continue;
    }
    i = at + 1;
    return true;
  }
  return false;
}

}  // namespace

std::string_view to_reason(csv_status status) {
  switch (status) {
    case csv_status::ok:
      return "";
    case csv_status::unterminated_quote:
      return "unterminated quoted field";
    case csv_status::text_after_quote:
      return "text after closing quote";
    case csv_status::line_too_long:
      return "line too long";
  }
  return "malformed line";
}

csv_status split_csv_line(std::string_view line, std::string& storage,
                          std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  storage.clear();
  spans.clear();
  const std::size_t n = line.size();
  std::size_t i = 0;
  for (;;) {
    const std::size_t start = storage.size();
    if (i < n && line[i] == '"') {
      ++i;
      if (!take_quoted(line, i, storage)) return csv_status::unterminated_quote;
      spans.emplace_back(start, storage.size() - start);
      if (i == n) return csv_status::ok;
      if (line[i] != ',') return csv_status::text_after_quote;
      ++i;
      continue;
    }
    const void* comma = i < n ? std::memchr(line.data() + i, ',', n - i) : nullptr;
    const std::size_t stop =
        comma == nullptr ? n
                         : static_cast<std::size_t>(static_cast<const char*>(comma) - line.data());
    storage.append(line.data() + i, stop - i);
    spans.emplace_back(start, stop - i);
    if (comma == nullptr) return csv_status::ok;
    i = stop + 1;
  }
}

// The buffer is left uninitialised: fread fills what is read, and zeroing 2 MiB per reader only
// costs page faults (most of the time of the csv_reader fuzz target, which makes one per input).
csv_reader::csv_reader(std::FILE* file)
    : file_(file),
      buffer_size_(max_line_bytes + read_chunk_bytes),
      buffer_(new char[buffer_size_]) {}

bool csv_reader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // compact so the partial line starts at offset 0
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t got = std::fread(buffer_.get() + end_, 1, buffer_size_ - end_, file_);
  if (got == 0) {
    if (std::ferror(file_))
      throw std::runtime_error(std::string("read failed: ") + std::strerror(errno));
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

std::string_view csv_reader::take_line(bool& truncated) {
  truncated = false;
  for (;;) {
    const char* base = buffer_.get() + begin_;
    const void* newline = std::memchr(base, '\n', end_ - begin_);
    if (newline != nullptr) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - base);
      begin_ += length + 1;
      consumed_ += length + 1;
      truncated = length > max_line_bytes;
      return {base, truncated ? max_line_bytes : length};
    }
    if (end_ - begin_ >= max_line_bytes) {
      // Report the first max_line_bytes and skip to the next newline on the following call.
      truncated = true;
      skipping_ = true;
      begin_ += max_line_bytes;
      consumed_ += max_line_bytes;
      return {base, max_line_bytes};
    }
    if (!fill()) {
      const std::size_t length = end_ - begin_;
      begin_ = end_;
      consumed_ += length;
      return {buffer_.get() + end_ - length, length};
    }
  }
}

bool csv_reader::next(csv_record& record) {
  for (;;) {
    if (skipping_) {
      bool more = true;
      while (skipping_ && more) {
        const void* newline = std::memchr(buffer_.get() + begin_, '\n', end_ - begin_);
        if (newline != nullptr) {
          const auto stop =
              static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.get());
          consumed_ += stop + 1 - begin_;
          begin_ = stop + 1;
          skipping_ = false;
        } else {
          consumed_ += end_ - begin_;
          begin_ = end_ = 0;
          more = fill();
        }
      }
      skipping_ = false;
    }
    if (begin_ == end_ && !fill()) return false;
    bool truncated = false;
    std::string_view line = take_line(truncated);
    ++line_;
    if (at_start_) {
      at_start_ = false;
      if (line.substr(0, utf8_bom.size()) == utf8_bom) line.remove_prefix(utf8_bom.size());
    }
    if (!truncated && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    record.line = line_;
    record.raw = line;
    record.fields.clear();
    if (truncated) {
      record.status = csv_status::line_too_long;
      return true;
    }
    record.status = split_csv_line(line, unquoted_, spans_);
    for (const auto& [offset, length] : spans_)
      record.fields.emplace_back(unquoted_.data() + offset, length);
    return true;
  }
}

}  // namespace atelier::import
