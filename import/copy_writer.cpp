// COPY streaming over raw libpq: connection lifetime, COPY start/end, and the sender thread.
#include "import/copy_writer.hpp"

#include <libpq-fe.h>

#include <cstdlib>

#include "import/binary_copy.hpp"
#include "import/import_error.hpp"

namespace atelier::import {
namespace {

// Buffers queued for the sender at most; bounds memory at about (2 + 1) * flush_bytes.
constexpr std::size_t max_queued_buffers = 2;

std::string first_line(const char* message) {
  std::string text = message == nullptr ? "" : message;
  const auto newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
}

// Consumes every pending result; returns the first error message, or empty on success.
std::string drain_results(PGconn* connection, std::uint64_t* rows = nullptr) {
  std::string error;
  while (PGresult* result = PQgetResult(connection)) {
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && error.empty())
      error = first_line(PQresultErrorMessage(result));
    if (rows != nullptr && status == PGRES_COMMAND_OK)
      *rows = std::strtoull(PQcmdTuples(result), nullptr, 10);
    PQclear(result);
  }
  return error;
}

// NOTICEs such as "schema does not exist, skipping" are expected; keep stderr for real problems.
void ignore_notice(void*, const char*) {}

}  // namespace

copy_connection::copy_connection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
  if (connection_ == nullptr || PQstatus(connection_) != CONNECTION_OK) {
    std::string message =
        "cannot connect to the database: " +
        first_line(connection_ == nullptr ? "out of memory" : PQerrorMessage(connection_));
    PQfinish(connection_);
    connection_ = nullptr;
    throw import_error(message);
  }
  PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
}

copy_connection::~copy_connection() {
  PQfinish(connection_);
}

void copy_connection::exec(std::string_view sql) {
  if (PQsendQuery(connection_, std::string(sql).c_str()) == 0)
    throw import_error("database: " + first_line(PQerrorMessage(connection_)));
  const std::string error = drain_results(connection_);
  if (!error.empty()) throw import_error("database: " + error);
}

copy_stream::copy_stream(copy_connection& connection, std::string_view table,
                         std::string_view columns)
    : connection_(connection) {
  const std::string sql = "COPY " + std::string(table) + " (" + std::string(columns) +
                          ") FROM STDIN WITH (FORMAT binary, FREEZE)";
  PGresult* result = PQexec(connection_.native(), sql.c_str());
  const bool started = PQresultStatus(result) == PGRES_COPY_IN;
  const std::string error = first_line(PQresultErrorMessage(result));
  PQclear(result);
  if (!started) throw import_error("COPY " + std::string(table) + ": " + error);
  filling_.reserve(flush_bytes + flush_bytes / 4);
  filling_.append(binary_copy::header);
  sender_ = std::thread([this] { send_loop(); });
}

copy_stream::~copy_stream() {
  if (finished_) return;
  stop_sender();
  // Abort the COPY so the connection is usable (the transaction is then rolled back by the caller).
  PQputCopyEnd(connection_.native(), "import aborted");
  drain_results(connection_.native());
}

void copy_stream::hand_over() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock,
                [this] { return queue_.size() < max_queued_buffers || !send_error_.empty(); });
  if (!send_error_.empty()) throw import_error("COPY: " + send_error_);
  queue_.push_back(std::move(filling_));
  if (!spare_.empty()) {
    filling_ = std::move(spare_.front());
    spare_.pop_front();
  } else {
    filling_ = std::string();
    filling_.reserve(flush_bytes + flush_bytes / 4);
  }
  filling_.clear();
  changed_.notify_all();
}

void copy_stream::send_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return !queue_.empty() || closing_; });
    if (queue_.empty()) return;
    std::string chunk = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    // Only this thread touches the connection while the COPY is open.
    const bool sent = send_error_.empty() && PQputCopyData(connection_.native(), chunk.data(),
                                                           static_cast<int>(chunk.size())) == 1;
    lock.lock();
    if (!sent && send_error_.empty())
      send_error_ = first_line(PQerrorMessage(connection_.native()));
    chunk.clear();
    spare_.push_back(std::move(chunk));
    changed_.notify_all();
  }
}

void copy_stream::stop_sender() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (sender_.joinable()) sender_.join();
}

std::uint64_t copy_stream::finish() {
  filling_.append(binary_copy::trailer);
  hand_over();
  stop_sender();
  finished_ = true;
  PGconn* native = connection_.native();
  if (!send_error_.empty()) {
    PQputCopyEnd(native, "import aborted");
    drain_results(native);
    throw import_error("COPY: " + send_error_);
  }
  if (PQputCopyEnd(native, nullptr) != 1)
    throw import_error("COPY: " + first_line(PQerrorMessage(native)));
  std::uint64_t rows = 0;
  const std::string error = drain_results(native, &rows);
  if (!error.empty()) throw import_error("COPY: " + error);
  return rows;
}

}  // namespace atelier::import
