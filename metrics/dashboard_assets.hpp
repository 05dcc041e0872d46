// Lookup of the /dashboard page and its scripts and styles, embedded into the binary at build time.
#pragma once

#include <optional>
#include <string_view>

namespace atelier::metrics {

/// One file of the dashboard; the views point into static storage.
struct dashboard_asset {
  std::string_view content_type;
  std::string_view body;
};

/// The asset served at /dashboard/<name>; the empty name is the page (/dashboard). nullopt for an
/// unknown name. Thread-safe, no allocation.
std::optional<dashboard_asset> find_dashboard_asset(std::string_view name);

}  // namespace atelier::metrics
