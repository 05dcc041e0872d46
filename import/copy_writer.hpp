// A libpq connection that streams binary COPY data to Postgres from a background sender thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

struct pg_conn;

namespace atelier::import {

/// One plain libpq connection (pqxx 6.4 cannot issue COPY ... WITH (FREEZE)). Failures throw
/// import_error. Not thread-safe: one copy_stream at a time may use it.
class copy_connection {
 public:
  /// Connects to `url` (libpq keyword or URI form); throws import_error when unreachable.
  explicit copy_connection(const std::string& url);
  ~copy_connection();
  copy_connection(const copy_connection&) = delete;
  copy_connection& operator=(const copy_connection&) = delete;

  /// Runs statements that return no rows (constant SQL only; no values are interpolated).
  void exec(std::string_view sql);

  pg_conn* native() { return connection_; }

 private:
  pg_conn* connection_ = nullptr;
};

/// One binary COPY ... FROM STDIN in progress. The parsing thread appends tuples
/// (import/binary_copy.hpp) to buffer() and calls flush_if_full(); a sender thread ships full
/// buffers so parsing and sending overlap. The stream writes the format's header and trailer
/// itself. finish() must be called for the data to count; destroying an unfinished stream aborts
/// the COPY.
class copy_stream {
 public:
  /// Buffers are handed to the sender at about this size; large writes keep syscalls few.
  static constexpr std::size_t flush_bytes = 1 << 20;

  /// Starts `COPY table (columns) FROM STDIN WITH (FORMAT binary, FREEZE)`; the table must have
  /// been created in the connection's current transaction. Throws import_error.
  copy_stream(copy_connection& connection, std::string_view table, std::string_view columns);
  ~copy_stream();
  copy_stream(const copy_stream&) = delete;
  copy_stream& operator=(const copy_stream&) = delete;

  /// The buffer to append complete binary tuples to.
  std::string& buffer() { return filling_; }

  /// Hands the buffer to the sender when it holds flush_bytes or more; throws import_error if the
  /// sender already failed. May block while two buffers are in flight.
  void flush_if_full() {
    if (filling_.size() >= flush_bytes) hand_over();
  }

  /// Sends the rest, ends the COPY and returns the number of rows Postgres stored. Throws
  /// import_error.
  std::uint64_t finish();

 private:
  void hand_over();
  void send_loop();
  void stop_sender();

  copy_connection& connection_;
  std::string filling_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::deque<std::string> spare_;
  bool closing_ = false;
  bool finished_ = false;
  std::string send_error_;
  std::thread sender_;
};

}  // namespace atelier::import
