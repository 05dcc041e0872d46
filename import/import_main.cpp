// atelier-import: loads the six Atelier CSV files into Postgres and swaps them in as the live data
// set.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "import/import_error.hpp"
#include "import/import_pipeline.hpp"

int main(int argc, char** argv) {
  namespace imp = atelier::import;
  CLI::App app{
      "Loads product.csv, features.csv, styles.csv, photos.csv, skus.csv and related.csv into "
      "Postgres, builds the served documents and swaps the new data set in atomically."};
  std::string data_dir;
  std::string database_url;
  std::string rejects_path;
  bool no_progress = false;
  app.add_option("--data-dir", data_dir, "Directory holding the six CSV files")->required();
  app.add_option("--database-url", database_url, "libpq connection string or postgresql:// URI")
      ->envname("ATELIER_DATABASE_URL")
      ->required();
  app.add_option("--rejects", rejects_path,
                 "Where rejected rows are written (default DATA_DIR/import.rejects)");
  app.add_flag("--no-progress", no_progress, "No updating progress line, even on a terminal");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : imp::exit_bad_input;
  }
  imp::import_options options;
  options.data_dir = data_dir;
  options.database_url = database_url;
  options.rejects_path = rejects_path.empty() ? options.data_dir / "import.rejects"
                                              : std::filesystem::path(rejects_path);
  options.interactive_progress = !no_progress && isatty(STDERR_FILENO) != 0;
  try {
    const imp::import_summary summary = imp::run_import(options, stderr);
    imp::print_summary(stdout, summary);
    return imp::exit_ok;
  } catch (const imp::import_error& error) {
    std::fprintf(stderr, "atelier-import: %s\n", error.what());
    return error.exit_code();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "atelier-import: %s\n", error.what());
    return imp::exit_failed;
  }
}
