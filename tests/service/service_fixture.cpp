// Implementation of the service suite fixtures; the shared instances live in a gtest Environment
// so they are torn down in order (service, then Postgres) before the process exits.
#include "tests/service/service_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/support/dataset_import.hpp"

namespace atelier::testing {
namespace {

class service_environment : public ::testing::Environment {
 public:
  postgres_server& postgres() {
    if (!postgres_) postgres_ = std::make_unique<postgres_server>();
    return *postgres_;
  }
  golden_service& service() {
    if (!service_) service_ = std::make_unique<golden_service>(postgres());
    return *service_;
  }
  void TearDown() override {
    service_.reset();
    postgres_.reset();
  }

 private:
  std::unique_ptr<postgres_server> postgres_;
  std::unique_ptr<golden_service> service_;
};

// gtest owns the environment; this is only a typed handle to it.
service_environment* const environment =
    static_cast<service_environment*>(::testing::AddGlobalTestEnvironment(new service_environment));

}  // namespace

std::string golden_data_dir() {
  return std::string(ATELIER_SERVICE_TESTDATA) + "/golden";
}

std::string expected_json(const std::string& name) {
  std::ifstream in(golden_data_dir() + "/expected/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("missing expected file " + name);
  std::stringstream text;
  text << in.rdbuf();
  std::string body = text.str();
  if (!body.empty() && body.back() == '\n') body.pop_back();
  return body;
}

std::string mask_import_time(const std::string& body) {
  static const std::regex stamp(
      R"re("(created_at|updated_at)":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")re");
  return std::regex_replace(body, stamp, "\"$1\":\"@IMPORT_TIME@\"");
}

import::import_summary import_golden(const std::string& database_url){
    temp_dir rejects_dir("atelier-svc-rejects");
return import_quietly(database_url, golden_data_dir(),
                      (rejects_dir.path() / "golden.rejects").string());
}  // namespace atelier::testing

service_config test_service_config(const std::string& database_url) {
  service_config config;
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.database_url = database_url;
  config.pool_size = 2;
  config.ingress_actors = 2;
  config.io_threads = 2;
  config.actor_threads = 2;
  return config;
}

golden_service::golden_service(postgres_server& postgres, const service_config& config)
    : database_url_(postgres.create_database()) {
  import_golden(database_url_);
  service_config with_database = config;
  with_database.database_url = database_url_;
  runtime_ = std::make_unique<service_runtime>(with_database);
  runtime_->start();
}

golden_service::golden_service(postgres_server& postgres)
    : golden_service(postgres, test_service_config("")) {}

postgres_server& shared_postgres() {
  return environment->postgres();
}

golden_service& shared_service() {
  return environment->service();
}

}  // namespace atelier::testing
