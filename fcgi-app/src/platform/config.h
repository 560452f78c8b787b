// The platform's configuration: read once from the environment, validated,
// then passed down. Each app reads its own settings (apps/module.h), and the
// jobs runner its own (jobs/settings.h), with read_setting and read_number.
#pragma once

#include "platform/calendar.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace platform {

// Reads a variable; `NAME_FILE` (a Docker/Kubernetes secret file) is used when
// NAME is unset. A trailing newline in the file is dropped.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
std::optional<std::string> read_setting(const EnvLookup& env, const std::string& name);
// A whole number from min to max, if the variable is set; throws
// std::invalid_argument naming the variable otherwise.
std::optional<long> read_number(const EnvLookup& env, const std::string& name, long min, long max);
// The variables of this process.
EnvLookup process_environment();

struct Config {
  // PostgreSQL: a libpq connection string or URI; empty means libpq's own PG* variables.
  std::string database_url;
  // KeyDB/Redis: redis://[:password@]host[:port][/db] or unix:///path/to.sock
  std::string redis_url = "redis://127.0.0.1:6379/0";
  std::chrono::milliseconds redis_connect_timeout{500};
  std::chrono::milliseconds redis_command_timeout{1000};
  // A dependency that just failed is not retried sooner than this, so a dead
  // server costs each request one fast failure instead of a connect timeout.
  std::chrono::milliseconds reconnect_interval{250};
  // A pipelined PostgreSQL read (or connect) unanswered after this fails
  // with 503: a hung server must not hold requests without bound.
  std::chrono::milliseconds database_read_timeout{2000};
  // Each worker's pipelined connections for reads that can be slow (a
  // GitHub search walking many rows), beside the one for quick reads: each
  // slow read goes to the least busy one, so one slow search does not queue
  // another behind it.
  std::size_t database_slow_read_connections{2};
  // Each worker's threads (each with its own connection) for transactions
  // of several statements (store/transaction_pool.h): at most this many run
  // at once, off the worker's loop.
  std::size_t database_transaction_threads{2};
  // How long a pipelined connect to PostgreSQL may take (libpq's own
  // PGCONNECT_TIMEOUT applies to blocking connects only).
  std::chrono::milliseconds database_connect_timeout{3000};

  // Each worker's threads for CPU-heavy work (password hashing, picture
  // checks). At most cpu_pool_threads jobs run at once and
  // cpu_pool_queue wait; beyond that a request is answered 503 at once.
  std::size_t cpu_pool_threads = 1;
  std::size_t cpu_pool_queue = 16;
  std::string admin_token;  // empty: the admin API refuses everyone
  std::size_t max_body_bytes = 1024 * 1024;
  std::string metrics_file;  // empty: metrics shared only by workers forked from one supervisor
  unsigned socket_mode = 0660;
  int workers = 4;
  std::chrono::seconds drain_timeout{30};
  // Pins "today" (UTC otherwise) for date arithmetic: tests and demos only.
  std::optional<Date> fixed_today;

  Date today() const { return fixed_today.value_or(today_utc()); }

  // Loads and validates; throws std::invalid_argument naming the bad variable.
  static Config from_environment(const EnvLookup& env);
  static Config from_process_environment();
};

}  // namespace platform
