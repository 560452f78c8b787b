#include "platform/access_log.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <string>

namespace platform {

namespace {

void append_time(std::string& out) {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  tm utc{};
  gmtime_r(&now.tv_sec, &utc);
  char buffer[40];
  const std::size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  out.append(buffer, length);
  std::snprintf(buffer, sizeof buffer, ".%03ldZ", now.tv_nsec / 1000000);
  out += buffer;
}

// One write() for whole lines, so lines from concurrent workers never interleave.
void write_all(const std::string& text) {
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t written = ::write(STDERR_FILENO, data, left);
    if (written <= 0) return;
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

AccessLog::AccessLog() : pid_(std::to_string(getpid())) { pending_.reserve(16384); }

void AccessLog::add(const AccessLogEntry& entry) {
  if (pending_.empty()) oldest_ = std::chrono::steady_clock::now();
  std::string& line = pending_;
  line += "{\"time\":\"";
  append_time(line);
  line += "\",\"request_id\":\"";
  append_json_escaped(line, entry.request_id);
  line += "\",\"method\":\"";
  append_json_escaped(line, entry.method);
  line += "\",\"path\":\"";
  append_json_escaped(line, entry.path);
  line += "\",\"route\":\"";
  append_json_escaped(line, entry.route);
  line += "\",\"status\":" + std::to_string(entry.status);
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.3f", static_cast<double>(entry.duration.count()) / 1000.0);
  line += ",\"duration_ms\":";
  line += duration;
  line += ",\"pid\":" + pid_ + "}\n";
  if (pending_.size() > 48 * 1024) flush();
}

std::optional<std::chrono::milliseconds> AccessLog::flush_due() {
  if (pending_.empty()) return std::nullopt;
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - oldest_);
  if (waited < kFlushDelay) return kFlushDelay - waited;
  flush();
  return std::nullopt;
}

void AccessLog::flush() {
  if (pending_.empty()) return;
  write_all(pending_);
  pending_.clear();
}

void log_event(std::string_view level, std::string_view message) {
  std::string line = "{\"time\":\"";
  append_time(line);
  line += "\",\"level\":\"";
  append_json_escaped(line, level);
  line += "\",\"message\":\"";
  append_json_escaped(line, message);
  line += "\",\"pid\":" + std::to_string(getpid()) + "}\n";
  write_all(line);
}

}  // namespace platform
