// In-process import for test fixtures.
#include "tests/support/dataset_import.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace atelier::testing {

import::import_summary import_quietly(const std::string& database_url, const std::string& data_dir,
                                      const std::string& rejects_path){
    import::import_options options;
options.data_dir = data_dir;
options.database_url = database_url;
options.rejects_path = rejects_path;
std::unique_ptr<std::FILE, int (*)(std::FILE*)> sink(std::fopen("/dev/null", "w"), &std::fclose);
if (!sink) throw std::runtime_error("cannot open /dev/null");
return import::run_import(options, sink.get());
}  // namespace atelier::testing

}  // namespace atelier::testing
