// The rejects file writer.
#include "import/rejects_file.hpp"

#include "import/import_error.hpp"

namespace atelier::import {
namespace {

constexpr std::size_t rejects_flush_bytes = 1 << 16;
constexpr std::string_view rejects_header = "file,line,reason,raw\n";

}  // namespace

rejects_file::rejects_file(const std::filesystem::path& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) throw import_error("cannot create rejects file " + path.string());
  buffer_.append(rejects_header);
}

rejects_file::~rejects_file() {
  if (file_ != nullptr) {
    flush();
    std::fclose(file_);
  }
}

void rejects_file::add(std::string_view file_name, std::uint64_t line, std::string_view reason,
                       std::string_view raw) {
  buffer_.append(file_name).push_back(',');
  buffer_.append(std::to_string(line)).push_back(',');
  buffer_.append(reason).append(",\"");
  for (char c : raw) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.append("\"\n");
  ++count_;
  if (buffer_.size() >= rejects_flush_bytes) flush();
}

void rejects_file::flush() {
  if (buffer_.empty() || file_ == nullptr) return;
  const bool written = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
  buffer_.clear();
  if (!written) throw import_error("cannot write rejects file " + path_.string());
}

void rejects_file::close() {
  if (file_ == nullptr) return;
  flush();
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!closed) throw import_error("cannot write rejects file " + path_.string());
}

}  // namespace atelier::import
