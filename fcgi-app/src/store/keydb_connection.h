// One connection to KeyDB (or Redis) through hiredis: where it is, how long to
// wait, and how to open it. Shared by the command connection (keydb.h) and the
// invalidation connection of the near cache (near_cache.h).
#pragma once

#include "platform/config.h"

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
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

struct KeyDbSettings {
  KeyDbAddress address;
  std::chrono::milliseconds connect_timeout;
  std::chrono::milliseconds command_timeout;
  std::chrono::milliseconds reconnect_interval;

  static KeyDbSettings from(const platform::Config& config);
};

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

struct ContextDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;

// Connected, timeouts set, authenticated, database selected; throws
// std::runtime_error saying what failed.
ContextPtr open_keydb(const KeyDbSettings& settings);

// One command; null when the connection failed (the context's errstr says why).
Reply run_command(redisContext* context, const std::vector<std::string_view>& arguments);

}  // namespace store
