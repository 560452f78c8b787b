// One JSON line per request on stderr. Never given a query string or a body,
// so tokens and passwords cannot reach the log.
#pragma once

#include <chrono>
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

// A worker's access log. Lines wait in memory until flush(), which the worker
// calls before it waits for more work: under load one write() carries many
// lines; at rest each line is written as soon as its response is.
class AccessLog {
 public:
  AccessLog();
  ~AccessLog() { flush(); }
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void add(const AccessLogEntry& entry);
  void flush();

 private:
  std::string pending_;
  std::string pid_;
};

// Any other event worth a line (start-up, worker exits, dependency failures).
void log_event(std::string_view level, std::string_view message);

// JSON string contents: quotes, backslashes, control and non-ASCII bytes escaped,
// so a hostile path can never break the line.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace platform
