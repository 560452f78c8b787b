#include "store/keydb.h"

#include <stdexcept>

namespace store {

KeyDb::KeyDb(const platform::Config& config, platform::Metrics& metrics, std::vector<std::string> near_cached_prefixes)
    : settings_(KeyDbSettings::from(config)),
      metrics_(metrics),
      backoff_(settings_.reconnect_interval),
      near_cache_(settings_, std::move(near_cached_prefixes)) {}

void KeyDb::fail(const std::string& reason) {
  metrics_.record_dependency_error(platform::Dependency::kKeyDb);
  context_.reset();
  throw platform::DependencyError(platform::Dependency::kKeyDb, reason);
}

redisContext* KeyDb::connect() {
  if (context_) return context_.get();
  if (backoff_.waiting()) {
    throw platform::DependencyError(platform::Dependency::kKeyDb, "KeyDB failed moments ago; not retrying yet");
  }
  backoff_.hold_off();
  try {
    context_ = open_keydb(settings_);
  } catch (const std::runtime_error& error) {
    fail(error.what());
  }
  backoff_.clear();
  return context_.get();
}

Reply KeyDb::send(redisContext* context, const std::vector<std::string_view>& arguments) {
  Reply reply = run_command(context, arguments);
  if (!reply) fail(std::string("command: ") + (context->errstr[0] ? context->errstr : "no reply"));
  return reply;
}

// Whatever this worker writes, its own next read must see: near-cached values
// go before KeyDB's invalidation for the write has even arrived. A command's
// keys are not known here, so it drops them all; the typed writes, their key.
Reply KeyDb::command(const std::vector<std::string_view>& arguments) {
  near_cache_.forget_all();
  return exchange(arguments);
}

Reply KeyDb::write(std::string_view key, const std::vector<std::string_view>& arguments) {
  near_cache_.forget(key);
  return exchange(arguments);
}

Reply KeyDb::exchange(const std::vector<std::string_view>& arguments) {
  const bool was_connected = static_cast<bool>(context_);
  try {
    return send(connect(), arguments);
  } catch (const platform::DependencyError&) {
    // A connection that sat idle may have been closed by a KeyDB restart:
    // one fresh connection gets one more try.
    if (!was_connected) throw;
    backoff_.clear();
    return send(connect(), arguments);
  }
}

std::optional<std::string> KeyDb::get(std::string_view key) {
  const bool near_cached = near_cache_.covers(key);
  if (near_cached) {
    if (const std::string* value = near_cache_.lookup(key)) return *value;
  }
  Reply reply = exchange({"GET", key});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("GET: ") + reply->str);
  if (reply->type != REDIS_REPLY_STRING) return std::nullopt;
  std::string value(reply->str, reply->len);
  if (near_cached) near_cache_.remember(key, value);
  return value;
}

void KeyDb::set(std::string_view key, std::string_view value) {
  Reply reply = write(key, {"SET", key, value});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("SET: ") + reply->str);
}

void KeyDb::set_with_ttl(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  const std::string seconds = std::to_string(ttl.count());
  Reply reply = write(key, {"SET", key, value, "EX", seconds});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("SET: ") + reply->str);
}

void KeyDb::del(std::string_view key) {
  Reply reply = write(key, {"DEL", key});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("DEL: ") + reply->str);
}

long long KeyDb::incr(std::string_view key) {
  Reply reply = write(key, {"INCR", key});
  if (reply->type != REDIS_REPLY_INTEGER) fail("INCR: unexpected reply");
  return reply->integer;
}

bool KeyDb::ping() {
  try {
    Reply reply = exchange({"PING"});
    return reply->type == REDIS_REPLY_STATUS;
  } catch (const platform::DependencyError&) {
    return false;
  }
}

}  // namespace store
