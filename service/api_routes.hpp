// Route logic: turns a parsed HTTP request into a message for an ingress actor and its outcome into
// a response.
#pragma once

#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <vector>

#include "actors/messages.hpp"
#include "http/request_handler.hpp"
#include "http/request_target.hpp"
#include "metrics/service_metrics.hpp"
#include "service/failure_log.hpp"

namespace atelier {

/// The http::request_handler of the service. Holds only actor handles and settings: no sockets, no
/// SQL.
class api_routes : public http::request_handler {
 public:
  /// ingresses must not be empty. request_timeout is each request's deadline from arrival.
  /// metrics must outlive this object: every answer is counted there, and /metrics scrapes it.
  /// memcached_nodes is the size of the configured ring (0: cache off), reported by /readyz.
  api_routes(std::vector<ingress_actor> ingresses, std::chrono::milliseconds request_timeout,
             metrics::service_metrics& metrics, std::size_t memcached_nodes = 0);

  /// Never blocks: API routes are answered from a CAF thread once the actors reply.
  void handle(http::api_request request, http::respond_fn respond) override;

 private:
  const ingress_actor& next_ingress();
  void ask_document(const document_key& key, http::respond_fn respond);
  void ask_readiness(http::respond_fn respond);
  void answer_local(const http::route& route, http::respond_fn respond);

  std::vector<ingress_actor> ingresses_;
  std::chrono::milliseconds request_timeout_;
  metrics::service_metrics& metrics_;
  std::size_t memcached_nodes_;
  std::atomic<std::size_t> next_ingress_{0};
  // Shared with the reply callbacks, which may run on a CAF thread after this object is gone.
  std::shared_ptr<failure_log> failures_ = std::make_shared<failure_log>(std::cerr);
  std::chrono::steady_clock::time_point started_at_ = std::chrono::steady_clock::now();
};

}  // namespace atelier
