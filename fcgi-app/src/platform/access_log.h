// One JSON line per request on stderr. Never given a query string or a body,
// so tokens and passwords cannot reach the log.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace platform {

struct AccessLogEntry {
  std::string_view request_id;
  std::string_view method;
  std::string_view path;
  std::string_view route;
  int status = 0;
  std::chrono::microseconds duration{0};
};

// A worker's access log. Lines wait in memory for at most kFlushDelay (or
// until 48 KiB have gathered), so under load one write() carries many lines
// instead of one per request (each write to a pipe also wakes the container
// runtime's log reader); at rest a line reaches the log kFlushDelay late.
class AccessLog {
 public:
  static constexpr std::chrono::milliseconds kFlushDelay{100};

  AccessLog();
  ~AccessLog() { flush(); }
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void add(const AccessLogEntry& entry);
  // Writes the lines that are due; returns how long the rest may wait
  // (nullopt: nothing is waiting).
  std::optional<std::chrono::milliseconds> flush_due();
  void flush();

 private:
  std::string pending_;
  std::chrono::steady_clock::time_point oldest_{};  // of the lines pending
  std::string pid_;
};

// Any other event worth a line (start-up, worker exits, dependency failures).
void log_event(std::string_view level, std::string_view message);

// JSON string contents: quotes, backslashes, control and non-ASCII bytes escaped,
// so a hostile path can never break the line.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace platform
