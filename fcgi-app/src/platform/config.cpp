#include "platform/config.h"

#include "platform/text.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace platform {

namespace {

long parse_number(const std::string& name, const std::string& text, long min, long max, int base = 10) {
  const auto value = parse_integer<long>(text, base);
  if (!value || *value < min || *value > max) {
    throw std::invalid_argument(name + " must be a number from " + std::to_string(min) + " to " + std::to_string(max) +
                                ", got '" + text + "'");
  }
  return *value;
}

}  // namespace

std::optional<std::string> read_setting(const EnvLookup& env, const std::string& name) {
  if (auto value = env(name)) return value;
  const auto file = env(name + "_FILE");
  if (!file) return std::nullopt;
  std::ifstream in(*file, std::ios::binary);
  if (!in) throw std::invalid_argument(name + "_FILE: cannot read " + *file);
  std::ostringstream content;
  content << in.rdbuf();
  std::string secret = std::move(content).str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

std::optional<long> read_number(const EnvLookup& env, const std::string& name, long min, long max) {
  const auto text = env(name);
  if (!text) return std::nullopt;
  return parse_number(name, *text, min, max);
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Config Config::from_environment(const EnvLookup& env) {
  Config config;
  auto number = [&](const std::string& name, long min, long max) { return read_number(env, name, min, max); };

  config.database_url = read_setting(env, "DATABASE_URL").value_or("");
  if (auto url = read_setting(env, "REDIS_URL")) config.redis_url = *url;
  if (config.redis_url.rfind("redis://", 0) != 0 && config.redis_url.rfind("unix://", 0) != 0) {
    throw std::invalid_argument("REDIS_URL must start with redis:// or unix://");
  }
  if (auto ms = number("REDIS_CONNECT_TIMEOUT_MS", 1, 60000))
    config.redis_connect_timeout = std::chrono::milliseconds(*ms);
  if (auto ms = number("REDIS_COMMAND_TIMEOUT_MS", 1, 60000))
    config.redis_command_timeout = std::chrono::milliseconds(*ms);
  if (auto ms = number("RECONNECT_INTERVAL_MS", 0, 60000)) config.reconnect_interval = std::chrono::milliseconds(*ms);
  if (auto ms = number("DATABASE_READ_TIMEOUT_MS", 1, 600000)) {
    config.database_read_timeout = std::chrono::milliseconds(*ms);
  }
  if (auto connections = number("DATABASE_SLOW_READ_CONNECTIONS", 1, 16)) {
    config.database_slow_read_connections = static_cast<std::size_t>(*connections);
  }
  if (auto threads = number("DATABASE_TRANSACTION_THREADS", 1, 16)) {
    config.database_transaction_threads = static_cast<std::size_t>(*threads);
  }
  // libpq's variable also bounds the pipelined connection's connect. Its 0
  // ("wait forever") keeps the default: requests must not wait without bound.
  if (auto seconds = number("PGCONNECT_TIMEOUT", 0, 600); seconds && *seconds > 0) {
    config.database_connect_timeout = std::chrono::seconds(*seconds);
  }
  if (auto threads = number("CPU_POOL_THREADS", 1, 64)) config.cpu_pool_threads = static_cast<std::size_t>(*threads);
  if (auto queue = number("CPU_POOL_QUEUE", 0, 100000)) config.cpu_pool_queue = static_cast<std::size_t>(*queue);
  config.admin_token = read_setting(env, "ADMIN_TOKEN").value_or("");
  if (auto bytes = number("MAX_BODY_BYTES", 1024, 64L * 1024 * 1024))
    config.max_body_bytes = static_cast<std::size_t>(*bytes);
  config.metrics_file = env("METRICS_FILE").value_or("");
  if (auto mode = env("SOCKET_MODE"))
    config.socket_mode = static_cast<unsigned>(parse_number("SOCKET_MODE", *mode, 0, 0777, 8));
  if (auto workers = number("WORKERS", 1, 256)) config.workers = static_cast<int>(*workers);
  if (auto seconds = number("DRAIN_TIMEOUT_SECONDS", 1, 3600)) config.drain_timeout = std::chrono::seconds(*seconds);
  if (auto today = env("FIXED_TODAY")) {
    config.fixed_today = parse_iso_date(*today);
    if (!config.fixed_today) throw std::invalid_argument("FIXED_TODAY must be a date YYYY-MM-DD, got '" + *today + "'");
  }
  return config;
}

Config Config::from_process_environment() { return from_environment(process_environment()); }

}  // namespace platform
