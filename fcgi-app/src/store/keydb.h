// The worker's KeyDB (or Redis) connection through hiredis: connect and command
// timeouts, re-applied on every reconnect; one retry after a broken connection.
#pragma once

#include "platform/config.h"
#include "platform/dependency.h"
#include "platform/metrics.h"

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace store {

struct KeyDbAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string unix_path;  // set for unix:// URLs
  std::string password;
  int database = 0;
};

// redis://[:password@]host[:port][/db] or unix:///path[?db=N]; throws std::invalid_argument.
KeyDbAddress parse_keydb_url(std::string_view url);

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

class KeyDb {
 public:
  KeyDb(const platform::Config& config, platform::Metrics& metrics);

  // Any command; an error reply is returned as a reply, a failed connection
  // throws platform::DependencyError.
  Reply command(const std::vector<std::string_view>& arguments);

  std::optional<std::string> get(std::string_view key);
  void set(std::string_view key, std::string_view value);
  void set_with_ttl(std::string_view key, std::string_view value, std::chrono::seconds ttl);
  void del(std::string_view key);
  long long incr(std::string_view key);

  bool ping();

 private:
  redisContext* connect();
  Reply send(redisContext* context, const std::vector<std::string_view>& arguments);
  void fail(const std::string& reason);

  KeyDbAddress address_;
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds command_timeout_;
  std::chrono::milliseconds reconnect_interval_;
  platform::Metrics& metrics_;
  std::chrono::steady_clock::time_point next_attempt_{};
  struct ContextDeleter {
    void operator()(redisContext* context) const { redisFree(context); }
  };
  std::unique_ptr<redisContext, ContextDeleter> context_;
};

}  // namespace store
