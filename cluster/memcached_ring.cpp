// libmemcached behind memcached_ring: configuration string, operations and health bookkeeping.
#include "cluster/memcached_ring.hpp"

#include <libmemcached/memcached.h>

#include <cstdlib>
#include <stdexcept>
#include <unordered_map>

namespace atelier {
namespace {

constexpr std::size_t config_error_size = 512;
constexpr std::uint32_t no_flags = 0;

// Options that libmemcached 1.1.4's configuration language accepts; the ejection policy it does not
// (dead timeout, failure limit) is set as behaviors afterwards. TCP-NODELAY: a multi-get is several
// small writes ending in a NOOP; with Nagle on, a batch whose keys all miss (so the node sends
// nothing back to carry an ACK) held its NOOP until the poll timeout, 30 ms per batch.
std::string configuration_for(const std::vector<std::string>& servers,
                              const ring_settings& settings) {
  std::string config;
  for (const auto& server : servers) config += "--SERVER=" + server + " ";
  config += "--BINARY-PROTOCOL --TCP-NODELAY --DISTRIBUTION=consistent --REMOVE-FAILED-SERVERS=1";
  config += " --RETRY-TIMEOUT=" + std::to_string(settings.retry_timeout_seconds);
  config += " --CONNECT-TIMEOUT=" + std::to_string(settings.connect_timeout.count());
  config += " --POLL-TIMEOUT=" + std::to_string(settings.poll_timeout.count());
  return config;
}

bool is_failure(memcached_return_t code) {
  switch (code) {
    case MEMCACHED_SUCCESS:
    case MEMCACHED_NOTFOUND:
    case MEMCACHED_NOTSTORED:
    case MEMCACHED_DATA_EXISTS:
    case MEMCACHED_STORED:
    case MEMCACHED_DELETED:
    case MEMCACHED_END:
      return false;
    default:
      return true;
  }
}

ring_status status_of(memcached_return_t code) {
  switch (code) {
    case MEMCACHED_SUCCESS:
    case MEMCACHED_STORED:
    case MEMCACHED_DELETED:
    case MEMCACHED_END:
      return ring_status::ok;
    case MEMCACHED_NOTFOUND:
      return ring_status::not_found;
    case MEMCACHED_NOTSTORED:
    case MEMCACHED_DATA_EXISTS:
      return ring_status::not_stored;
    default:
      return ring_status::unavailable;
  }
}

}  // namespace

struct memcached_ring::handle {
  explicit handle(memcached_st* owned) : memc(owned) {}
  ~handle() { memcached_free(memc); }
  handle(const handle&) = delete;
  handle& operator=(const handle&) = delete;
  memcached_st* memc;
};

service_error error_of(const ring_result&) {
  return service_error::cache_unavailable;
}

memcached_ring::memcached_ring(const std::vector<std::string>& servers, ring_settings settings) {
  if (servers.empty()) throw std::invalid_argument("the memcached ring needs at least one server");
  const auto config = configuration_for(servers, settings);
  char error[config_error_size] = {};
  if (libmemcached_check_configuration(config.data(), config.size(), error, sizeof error) !=
      MEMCACHED_SUCCESS)
    throw std::invalid_argument("bad memcached server list: " + std::string(error));
  memcached_st* memc = memcached(config.data(), config.size());
  if (memc == nullptr) throw std::invalid_argument("cannot configure the memcached ring");
  handle_ = std::make_unique<handle>(memc);
  memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_DEAD_TIMEOUT, settings.dead_timeout_seconds);
  memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_SERVER_FAILURE_LIMIT, settings.failure_limit);
  for (const auto& server : servers) nodes_.push_back(ring_node_health{server});
}

memcached_ring::memcached_ring(std::unique_ptr<handle> owned, std::vector<ring_node_health> nodes)
    : handle_(std::move(owned)), nodes_(std::move(nodes)) {}

memcached_ring::~memcached_ring() = default;
memcached_ring::memcached_ring(memcached_ring&&) noexcept = default;
memcached_ring& memcached_ring::operator=(memcached_ring&&) noexcept = default;

memcached_ring memcached_ring::clone() const {
  memcached_st* copy = memcached_clone(nullptr, handle_->memc);
  if (copy == nullptr) throw std::runtime_error("memcached_clone failed (out of memory)");
  std::vector<ring_node_health> fresh;
  for (const auto& node : nodes_) fresh.push_back(ring_node_health{node.address});
  return memcached_ring(std::make_unique<handle>(copy), std::move(fresh));
}

int memcached_ring::node_of(std::string_view key) {
  memcached_return_t code = MEMCACHED_SUCCESS;
  const memcached_instance_st* instance =
      memcached_server_by_key(handle_->memc, key.data(), key.size(), &code);
  if (instance == nullptr || code != MEMCACHED_SUCCESS) return -1;
  const std::string address = std::string(memcached_server_name(instance)) + ":" +
                              std::to_string(memcached_server_port(instance));
  for (std::size_t index = 0; index < nodes_.size(); ++index)
    if (nodes_[index].address == address) return static_cast<int>(index);
  return -1;
}

ring_result memcached_ring::finish(int node, int code) {
  const auto rc = static_cast<memcached_return_t>(code);
  ring_result result;
  result.status = status_of(rc);
  if (result.status == ring_status::unavailable)
    result.detail = memcached_last_error_message(handle_->memc);
  if (node < 0) return result;
  auto& health = nodes_[static_cast<std::size_t>(node)];
  ++health.ops;
  // An operation that reached the node, hit or miss, proves it usable again.
  health.up = !is_failure(rc);
  if (is_failure(rc)) ++health.failures;
  if (rc == MEMCACHED_TIMEOUT) ++health.timeouts;
  return result;
}

ring_result memcached_ring::get(std::string_view key) {
  const int node = node_of(key);
  std::size_t length = 0;
  std::uint32_t flags = 0;
  memcached_return_t code = MEMCACHED_SUCCESS;
  char* value = memcached_get(handle_->memc, key.data(), key.size(), &length, &flags, &code);
  auto result = finish(node, code);
  if (value != nullptr) {
    if (result.status == ring_status::ok) result.value.assign(value, length);
    std::free(value);
  }
  return result;
}

std::vector<ring_result> memcached_ring::get_many(const std::vector<std::string>& keys) {
  std::vector<ring_result> results(keys.size());
  if (keys.size() == 1) {
    results[0] = get(keys[0]);
    return results;
  }
  // Placed before the batch: libmemcached may rebuild its continuum inside a lookup.
  std::vector<int> nodes;
  for (const auto& key : keys) nodes.push_back(node_of(key));
  const bool clean = !keys.empty() && fetch_batch(keys, nodes, results);
  for (std::size_t index = 0; index < keys.size(); ++index) {
    if (results[index].status == ring_status::ok) continue;
    // A clean end means every node answered, so what it did not return is absent; otherwise
    // each unsettled key is read on its own, with get()'s failure handling.
    results[index] = clean ? finish(nodes[index], MEMCACHED_NOTFOUND) : get(keys[index]);
  }
  return results;
}

// Sends every key (one multi-get per node) and records the values that come back as `ok` results;
// the others keep their default status. True when the batch ended cleanly; false when some node
// failed, leaving its keys unsettled.
bool memcached_ring::fetch_batch(const std::vector<std::string>& keys,
                                 const std::vector<int>& nodes, std::vector<ring_result>& results) {
  std::vector<const char*> key_data;
  std::vector<std::size_t> key_sizes;
  std::unordered_multimap<std::string_view, std::size_t> index_of;
  for (std::size_t index = 0; index < keys.size(); ++index) {
    key_data.push_back(keys[index].data());
    key_sizes.push_back(keys[index].size());
    index_of.emplace(keys[index], index);
  }
  auto sent = memcached_mget(handle_->memc, key_data.data(), key_sizes.data(), keys.size());
  memcached_return_t code = MEMCACHED_SUCCESS;
  // Drained even after a failed send: nodes that did get their keys have answers queued.
  while (memcached_result_st* read = memcached_fetch_result(handle_->memc, nullptr, &code)) {
    std::string_view key(memcached_result_key_value(read), memcached_result_key_length(read));
    auto [first, last] = index_of.equal_range(key);
    for (auto at = first; at != last; ++at) {
      auto& result = results[at->second];
      if (result.status == ring_status::ok) continue;  // a key asked twice is answered twice
      result = finish(nodes[at->second], MEMCACHED_SUCCESS);
      result.value.assign(memcached_result_value(read), memcached_result_length(read));
    }
    memcached_result_free(read);
  }
  return sent == MEMCACHED_SUCCESS && (code == MEMCACHED_END || code == MEMCACHED_NOTFOUND);
}

ring_result memcached_ring::set(std::string_view key, std::string_view value,
                                std::uint32_t ttl_seconds) {
  const int node = node_of(key);
  return finish(node, memcached_set(handle_->memc, key.data(), key.size(), value.data(),
                                    value.size(), static_cast<time_t>(ttl_seconds), no_flags));
}

ring_result memcached_ring::add(std::string_view key, std::string_view value,
                                std::uint32_t ttl_seconds) {
  const int node = node_of(key);
  return finish(node, memcached_add(handle_->memc, key.data(), key.size(), value.data(),
                                    value.size(), static_cast<time_t>(ttl_seconds), no_flags));
}

ring_result memcached_ring::del(std::string_view key) {
  const int node = node_of(key);
  return finish(node, memcached_delete(handle_->memc, key.data(), key.size(), 0));
}

std::vector<ring_node_health> memcached_ring::health() const {
  return nodes_;
}

}  // namespace atelier
