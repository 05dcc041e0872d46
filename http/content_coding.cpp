// Parses Accept-Encoding and compresses bodies with zlib's gzip wrapper.
#include "http/content_coding.hpp"

#include <zlib.h>

#include <cctype>

namespace atelier::http {
namespace {

constexpr int gzip_window_bits = 15 + 16;  // 15-bit window, +16 selects the gzip wrapper
constexpr int gzip_memory_level = 8;       // zlib's default
constexpr int gzip_level = 6;              // zlib's default: good ratio for JSON at modest CPU cost

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

/// q-value of one list element's parameters ("q=0.5"); 1 when absent. Only "is it zero" matters
/// here.
bool q_is_zero(std::string_view parameters) noexcept {
  while (!parameters.empty()) {
    std::size_t semi = parameters.find(';');
    std::string_view parameter = trim(parameters.substr(0, semi));
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
        parameter[1] == '=') {
      std::string_view value = trim(parameter.substr(2));
      // q = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); zero iff every digit is 0
      if (value.empty()) return false;
      for (char c : value) {
        if (c != '0' && c != '.') return false;
      }
      return true;
    }
    if (semi == std::string_view::npos) break;
    parameters.remove_prefix(semi + 1);
  }
  return false;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) noexcept {
  bool gzip_listed = false;
  bool gzip_allowed = false;
  bool star_allowed = false;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    std::size_t semi = element.find(';');
    std::string_view coding = trim(element.substr(0, semi));
    bool zero = semi != std::string_view::npos && q_is_zero(element.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_listed = true;
      gzip_allowed = gzip_allowed || !zero;
    } else if (coding == "*") {
      star_allowed = !zero;
    }
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return gzip_listed ? gzip_allowed : star_allowed;
}

std::optional<std::string> gzip_compress(std::string_view body) {
  z_stream stream{};
  if (deflateInit2(&stream, gzip_level, Z_DEFLATED, gzip_window_bits, gzip_memory_level,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string compressed(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
  stream.avail_out = static_cast<uInt>(compressed.size());
  // deflateBound guarantees one Z_FINISH call suffices
  int result = deflate(&stream, Z_FINISH);
  std::size_t produced = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  compressed.resize(produced);
  return compressed;
}

}  // namespace atelier::http
