// Test helpers: a self-deleting temp directory holding one generated data set, and file readers.
#pragma once

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "import/generator/catalog_generator.hpp"

namespace atelier::generator::testing {

/// A data set generated into a fresh mkdtemp directory, removed again on destruction.
class generated_catalog {
 public:
  generated_catalog(std::uint32_t products, std::uint64_t seed) {
    std::string pattern = (std::filesystem::temp_directory_path() / "atelier-gen-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    try {
      report_ = generate_catalog({dir_, products, seed});
    } catch (...) {
      remove_dir();  // the destructor does not run when the constructor throws
      throw;
    }
  }
  ~generated_catalog() { remove_dir(); }
  generated_catalog(const generated_catalog&) = delete;
  generated_catalog& operator=(const generated_catalog&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const generation_report& report() const { return report_; }

  /// The whole content of `name` (e.g. "photos.csv") in this data set.
  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + name);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  /// manifest.json, parsed.
  nlohmann::json manifest() const { return nlohmann::json::parse(read("manifest.json")); }

 private:
  void remove_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::filesystem::path dir_;
  generation_report report_;
};

/// FNV-1a 64 of `bytes`: enough to tell whether two files are identical.
inline std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

}  // namespace atelier::generator::testing
