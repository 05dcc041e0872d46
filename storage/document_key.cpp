// Text form and hash of document keys.
#include "storage/document_key.hpp"

#include <functional>

namespace atelier {

std::string to_string(const document_key& key) {
  switch (key.kind) {
    case document_kind::product:
      return "product:" + std::to_string(key.product_id);
    case document_kind::styles:
      return "styles:" + std::to_string(key.product_id);
    case document_kind::related:
      return "related:" + std::to_string(key.product_id);
    case document_kind::page:
      return "page:" + std::to_string(key.page) + ":" + std::to_string(key.count);
  }
  return "unknown";
}

std::size_t document_key_hash::operator()(const document_key& key) const noexcept {
  // splitmix-style mixing: product ids are dense, so spread them before taking a shard modulo.
  std::uint64_t value = (static_cast<std::uint64_t>(key.kind) << 56) ^
                        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(key.product_id))) ^
                        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(key.page)) << 20) ^
                        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(key.count)) << 44);
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return static_cast<std::size_t>(value ^ (value >> 31));
}

}  // namespace atelier
