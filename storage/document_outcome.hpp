// The answer to a document lookup: the JSON, a definite "no such product", or a failure.
#pragma once

#include <cstdint>
#include <string>

#include "storage/service_error.hpp"

namespace atelier {

/// Result of fetching one document. Copyable, so it can travel in actor messages.
struct document_outcome {
  enum class status : std::uint8_t { found, missing, failed };

  status state = status::failed;
  std::string json;                  ///< the document when found
  std::int64_t dataset_version = 0;  ///< data set the answer came from (0 when unknown)
  service_error error = service_error::internal;  ///< when failed
  std::string client_message;                     ///< when failed: safe for API consumers
  std::string log_detail;                         ///< when failed: for logs only

  static document_outcome found(std::string json, std::int64_t version) {
    document_outcome outcome;
    outcome.state = status::found;
    outcome.json = std::move(json);
    outcome.dataset_version = version;
    return outcome;
  }
  static document_outcome missing(std::int64_t version) {
    document_outcome outcome;
    outcome.state = status::missing;
    outcome.dataset_version = version;
    return outcome;
  }
  static document_outcome failure(service_error error, std::string client_message,
                                  std::string log_detail = {}) {
    document_outcome outcome;
    outcome.state = status::failed;
    outcome.error = error;
    outcome.client_message = std::move(client_message);
    outcome.log_detail = std::move(log_detail);
    return outcome;
  }
};

}  // namespace atelier
