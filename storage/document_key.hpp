// What a route asks the data layer for: which precomputed JSON document, for which product or page.
#pragma once

#include <cstdint>
#include <string>

namespace atelier {

/// The four documents the API serves.
enum class document_kind : std::uint8_t { product, styles, related, page };

/// Identifies one document. For page, product_id is unused; for the others page/count are unused.
struct document_key {
  document_kind kind = document_kind::product;
  std::int32_t product_id = 0;
  std::int32_t page = 1;
  std::int32_t count = 5;

  friend bool operator==(const document_key& a, const document_key& b) {
    return a.kind == b.kind && a.product_id == b.product_id && a.page == b.page &&
           a.count == b.count;
  }
};

/// Stable text form, e.g. "styles:42" or "page:3:50"; cache keys and logs use it.
std::string to_string(const document_key& key);

/// Hash for unordered containers and for sharding by key.
struct document_key_hash {
  std::size_t operator()(const document_key& key) const noexcept;
};

}  // namespace atelier
