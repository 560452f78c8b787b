#include "store/keydb.h"

#include <stdexcept>

namespace store {

namespace {

constexpr std::string_view kDeleteIfEqualsScript =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
constexpr std::string_view kIncrementWithTtlScript =
    "local n = redis.call('INCR', KEYS[1]) "
    "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
    "return n";
constexpr std::string_view kCounterScript = "return tonumber(redis.call('GET', KEYS[1]) or '0')";
constexpr std::string_view kDecrementIfPositiveScript =
    "local v = redis.call('GET', KEYS[1]) "
    "if v and tonumber(v) > 0 then return redis.call('DECR', KEYS[1]) end "
    "return 0";
}  // namespace

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
  expect_no_error(write(key, {"SET", key, value}), "SET");
}

void KeyDb::set_with_ttl(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  const std::string seconds = std::to_string(ttl.count());
  expect_no_error(write(key, {"SET", key, value, "EX", seconds}), "SET");
}

void KeyDb::del(std::string_view key) { expect_no_error(write(key, {"DEL", key}), "DEL"); }

long long KeyDb::incr(std::string_view key) { return integer_of(write(key, {"INCR", key}), "INCR"); }

bool KeyDb::set_if_absent(std::string_view key, std::string_view value) {
  Reply reply = write(key, {"SET", key, value, "NX"});
  expect_no_error(reply, "SET NX");
  return reply->type == REDIS_REPLY_STATUS;  // nil: the key was there
}

bool KeyDb::set_if_absent(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  const std::string seconds = std::to_string(ttl.count());
  Reply reply = write(key, {"SET", key, value, "NX", "EX", seconds});
  expect_no_error(reply, "SET NX");
  return reply->type == REDIS_REPLY_STATUS;
}

bool KeyDb::delete_if_equals(std::string_view key, std::string_view value) {
  return integer_of(write(key, {"EVAL", kDeleteIfEqualsScript, "1", key, value}), "delete if equals") > 0;
}

long long KeyDb::increment_with_ttl(std::string_view key, std::chrono::seconds ttl) {
  const std::string seconds = std::to_string(ttl.count());
  return integer_of(write(key, {"EVAL", kIncrementWithTtlScript, "1", key, seconds}), "increment with ttl");
}

long long KeyDb::counter(std::string_view key) {
  return integer_of(exchange({"EVAL", kCounterScript, "1", key}), "counter");
}

void KeyDb::decrement_if_positive(std::string_view key) {
  integer_of(write(key, {"EVAL", kDecrementIfPositiveScript, "1", key}), "decrement if positive");
}

long long KeyDb::seconds_to_live(std::string_view key) { return integer_of(exchange({"TTL", key}), "TTL"); }

long long KeyDb::integer_of(Reply reply, const char* what) {
  expect_no_error(reply, what);
  if (reply->type != REDIS_REPLY_INTEGER) fail(std::string(what) + ": unexpected reply");
  return reply->integer;
}

void KeyDb::expect_no_error(const Reply& reply, const char* what) {
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string(what) + ": " + reply->str);
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
