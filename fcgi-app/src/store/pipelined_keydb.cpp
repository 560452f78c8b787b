#include "store/pipelined_keydb.h"

#include "platform/access_log.h"
#include "platform/dependency.h"

#include <fcntl.h>

#include <cstdint>
#include <utility>

namespace store {

namespace {

// Built outside the coroutine: GCC 12 cannot hold an initializer list in a coroutine frame.
std::vector<std::string> set_if_absent_arguments(const std::string& key, const std::string& value,
                                                 std::optional<std::chrono::seconds> ttl) {
  std::vector<std::string> arguments{"SET", key, value, "NX"};
  if (ttl) {
    arguments.emplace_back("EX");
    arguments.push_back(std::to_string(ttl->count()));
  }
  return arguments;
}

}  // namespace

PipelinedKeyDb::PipelinedKeyDb(const platform::Config& config, platform::Metrics& metrics, KeyDb& near_cached)
    : settings_(KeyDbSettings::from(config)),
      metrics_(metrics),
      near_cached_(near_cached),
      backoff_(settings_.reconnect_interval) {}

platform::Task<std::optional<std::string>> PipelinedKeyDb::exchange(std::string key, std::string value) {
  const Reply previous = co_await write(key, "SET", key, value, "GET");
  if (previous->type == REDIS_REPLY_ERROR) {
    metrics_.record_dependency_error(platform::Dependency::kKeyDb);
    throw platform::DependencyError(platform::Dependency::kKeyDb, std::string("SET GET: ") + previous->str);
  }
  if (previous->type != REDIS_REPLY_STRING) co_return std::nullopt;
  co_return std::string(previous->str, previous->len);
}

namespace {

std::optional<std::string> string_of(const redisReply& reply) {
  if (reply.type != REDIS_REPLY_STRING) return std::nullopt;
  return std::string(reply.str, reply.len);
}

}  // namespace

platform::Task<PipelinedKeyDb::GuardedExchange> PipelinedKeyDb::exchange_while(std::string key, std::string value,
                                                                               std::string guard_key,
                                                                               std::string guard_value) {
  // A Lua false (a missing key) becomes a nil element of the reply.
  static constexpr std::string_view kScript =
      "local guard = redis.call('GET', KEYS[2]) "
      "if guard ~= ARGV[2] then return {0, guard} end "
      "return {1, redis.call('SET', KEYS[1], ARGV[1], 'GET')}";
  const Reply reply = co_await write(key, "EVAL", kScript, "2", key, guard_key, value, guard_value);
  checked(reply, "SET GET while");
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 || reply->element[0]->type != REDIS_REPLY_INTEGER) {
    throw platform::DependencyError(platform::Dependency::kKeyDb, "SET GET while: unexpected reply");
  }
  GuardedExchange exchanged;
  exchanged.done = reply->element[0]->integer == 1;
  (exchanged.done ? exchanged.previous : exchanged.guard) = string_of(*reply->element[1]);
  co_return exchanged;
}

platform::Task<void> PipelinedKeyDb::set(std::string key, std::string value) {
  const Reply reply = co_await write(key, "SET", key, value);
  checked(reply, "SET");
}

void PipelinedKeyDb::checked(const Reply& reply, const char* what) {
  if (reply->type != REDIS_REPLY_ERROR) return;
  metrics_.record_dependency_error(platform::Dependency::kKeyDb);
  throw platform::DependencyError(platform::Dependency::kKeyDb, std::string(what) + ": " + reply->str);
}

platform::Task<std::optional<std::string>> PipelinedKeyDb::get(std::string key) {
  NearCache& near_cache = near_cached_.near_cache();
  const bool near_cached = near_cache.covers(key);
  if (near_cached) {
    if (const std::string* value = near_cache.lookup(key)) co_return *value;
  }
  const std::uint64_t mark = near_cache.mark();
  Reply reply = co_await read("GET", key);
  checked(reply, "GET");
  if (reply->type != REDIS_REPLY_STRING) co_return std::nullopt;
  std::string value(reply->str, reply->len);
  if (near_cached) near_cache.remember_since(key, value, mark);
  co_return value;
}

platform::Task<std::vector<std::optional<std::string>>> PipelinedKeyDb::get_many(std::vector<std::string> keys) {
  const std::size_t count = keys.size();
  keys.insert(keys.begin(), "MGET");
  const Reply reply = co_await write_with({}, std::move(keys));
  checked(reply, "MGET");
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != count) {
    throw platform::DependencyError(platform::Dependency::kKeyDb, "MGET: unexpected reply");
  }
  std::vector<std::optional<std::string>> values;
  values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) values.push_back(string_of(*reply->element[i]));
  co_return values;
}

namespace {

// Built outside the coroutine: GCC 12 cannot hold an initializer list in a coroutine frame.
std::vector<std::string> claim_arguments(std::string_view script, std::vector<std::string> keys, std::string claim_key,
                                         std::chrono::seconds ttl) {
  std::vector<std::string> arguments{"EVAL", std::string(script), std::to_string(keys.size() + 1)};
  arguments.insert(arguments.end(), std::make_move_iterator(keys.begin()), std::make_move_iterator(keys.end()));
  arguments.push_back(std::move(claim_key));
  arguments.push_back(std::to_string(ttl.count()));
  return arguments;
}

}  // namespace

platform::Task<PipelinedKeyDb::ValuesOrClaim> PipelinedKeyDb::get_many_or_claim(std::vector<std::string> keys,
                                                                                std::string claim_key,
                                                                                std::chrono::seconds ttl) {
  // The claim key is the last of KEYS. A Lua false (a missing key) becomes a
  // nil element of the reply; a third element is the claim's outcome.
  static constexpr std::string_view kScript =
      "local claim = table.remove(KEYS) "
      "local values = redis.call('MGET', unpack(KEYS)) "
      "for i = 1, #KEYS do if values[i] then return values end end "
      "values[#KEYS + 1] = redis.call('SET', claim, '1', 'NX', 'EX', ARGV[1]) and 1 or 0 "
      "return values";
  const std::size_t count = keys.size();
  const std::string key = claim_key;
  const Reply reply = co_await write_with(key, claim_arguments(kScript, std::move(keys), std::move(claim_key), ttl));
  checked(reply, "MGET or claim");
  if (reply->type != REDIS_REPLY_ARRAY || (reply->elements != count && reply->elements != count + 1)) {
    throw platform::DependencyError(platform::Dependency::kKeyDb, "MGET or claim: unexpected reply");
  }
  ValuesOrClaim found;
  found.values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) found.values.push_back(string_of(*reply->element[i]));
  if (reply->elements == count + 1) found.claimed = reply->element[count]->integer == 1;
  co_return found;
}

platform::Task<void> PipelinedKeyDb::set_with_ttl(std::string key, std::string value, std::chrono::seconds ttl) {
  const std::string seconds = std::to_string(ttl.count());
  const Reply reply = co_await write(key, "SET", key, value, "EX", seconds);
  checked(reply, "SET");
}

platform::Task<bool> PipelinedKeyDb::set_if_absent(std::string key, std::string value,
                                                   std::optional<std::chrono::seconds> ttl) {
  const Reply reply = co_await write_with(key, set_if_absent_arguments(key, value, ttl));
  checked(reply, "SET NX");
  co_return reply->type == REDIS_REPLY_STATUS;  // nil: the key was there
}

namespace {

// A copy's scripts (mark_write, settle_write, fill_copy) read it into writes,
// version and value (a missing or unreadable copy: none in flight, version 0),
// and store it back with EX ARGV[1]. Versions are formatted whole: Lua's
// tostring writes 1e+15.
std::string copy_script(std::string_view change) {
  return std::string(
             "local copy = redis.call('GET', KEYS[1]) "
             "local writes, version, value = 0, 0, '' "
             "if copy then "
             "  local w, v, rest = string.match(copy, '^(%d+) (%d+) (.*)$') "
             "  if w then writes, version, value = tonumber(w), tonumber(v), rest end "
             "end ") +
         std::string(change) +
         " redis.call('SET', KEYS[1], writes .. ' ' .. string.format('%.0f', version) .. ' ' .. value, 'EX', ARGV[1])"
         " return 1";
}

}  // namespace

platform::Task<void> PipelinedKeyDb::mark_write(std::string key, std::chrono::seconds ttl) {
  static const std::string kScript = copy_script("writes = writes + 1");
  const Reply reply = co_await write(key, "EVAL", kScript, "1", key, std::to_string(ttl.count()));
  checked(reply, "mark a write");
}

platform::Task<void> PipelinedKeyDb::settle_write(std::string key, long long version, std::string value,
                                                  std::chrono::seconds ttl) {
  // A copy gone meanwhile (expired, KeyDB restarted) held this write only.
  static const std::string kScript = copy_script(
      "if not copy then writes = 1 end "
      "writes = math.max(writes - 1, 0) "
      "if tonumber(ARGV[2]) > version then version, value = tonumber(ARGV[2]), ARGV[3] end");
  const Reply reply =
      co_await write(key, "EVAL", kScript, "1", key, std::to_string(ttl.count()), std::to_string(version), value);
  checked(reply, "settle a write");
}

platform::Task<void> PipelinedKeyDb::fill_copy(std::string key, long long version, std::string value,
                                               std::chrono::seconds ttl) {
  static const std::string kScript = copy_script(
      "if writes > 0 or tonumber(ARGV[2]) <= version then return 0 end "
      "version, value = tonumber(ARGV[2]), ARGV[3]");
  const Reply reply =
      co_await write(key, "EVAL", kScript, "1", key, std::to_string(ttl.count()), std::to_string(version), value);
  checked(reply, "fill a copy");
}

std::optional<std::string_view> PipelinedKeyDb::settled_value(std::string_view copy) {
  const auto first_space = copy.find(' ');
  if (first_space == std::string_view::npos || copy.substr(0, first_space) != "0") return std::nullopt;
  const auto second_space = copy.find(' ', first_space + 1);
  if (second_space == std::string_view::npos) return std::nullopt;
  return copy.substr(second_space + 1);
}

platform::Task<bool> PipelinedKeyDb::delete_if_equals(std::string key, std::string value) {
  static constexpr std::string_view kScript =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
  const Reply reply = co_await write(key, "EVAL", kScript, "1", key, value);
  checked(reply, "delete if equals");
  co_return reply->type == REDIS_REPLY_INTEGER && reply->integer > 0;
}

platform::Task<void> PipelinedKeyDb::del(std::string key) {
  const Reply reply = co_await write(key, "DEL", key);
  checked(reply, "DEL");
}

PipelinedKeyDb::Write PipelinedKeyDb::write_with(std::string_view key, std::vector<std::string> arguments) {
  return Write(*this, std::string(key), std::move(arguments));
}

bool PipelinedKeyDb::Write::await_suspend(std::coroutine_handle<> awaiting) {
  awaiting_ = awaiting;
  if (!keydb_.context_ && !keydb_.connect()) {
    error_ = std::make_exception_ptr(platform::DependencyError(platform::Dependency::kKeyDb, keydb_.last_error_));
    return false;
  }
  keydb_.to_send_.push_back(this);
  return true;
}

Reply PipelinedKeyDb::Write::await_resume() {
  if (error_) std::rethrow_exception(error_);
  return std::move(reply_);
}

bool PipelinedKeyDb::connect() {
  if (backoff_.waiting()) {
    last_error_ = "KeyDB failed moments ago; not retrying yet";
    return false;
  }
  try {
    context_ = open_keydb(settings_);  // connected, authenticated, database selected: blocking
  } catch (const std::runtime_error& error) {
    last_error_ = error.what();
    metrics_.record_dependency_error(platform::Dependency::kKeyDb);
    backoff_.hold_off();
    return false;
  }
  // From here on hiredis only formats commands and parses replies; this
  // class does the waiting. Without REDIS_BLOCK, hiredis treats EAGAIN as
  // "nothing yet" instead of an error.
  context_->flags &= ~REDIS_BLOCK;
  fcntl(context_->fd, F_SETFL, fcntl(context_->fd, F_GETFL) | O_NONBLOCK);
  return true;
}

void PipelinedKeyDb::flush() {
  if (to_send_.empty()) return;
  if (!context_ && !connect()) {
    const auto error = std::make_exception_ptr(platform::DependencyError(platform::Dependency::kKeyDb, last_error_));
    for (Write* write : std::exchange(to_send_, {})) fail(write, error);
    return;
  }
  const auto now = Clock::now();
  for (Write* write : std::exchange(to_send_, {})) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& argument : write->arguments_) {
      argv.push_back(argument.data());
      lengths.push_back(argument.size());
    }
    if (redisAppendCommandArgv(context_.get(), static_cast<int>(argv.size()), argv.data(), lengths.data()) !=
        REDIS_OK) {
      fail(write, std::make_exception_ptr(std::runtime_error("KeyDB: cannot format the command")));
      continue;
    }
    sent_.push_back({write, now});
  }
  write_buffer();
}

void PipelinedKeyDb::write_buffer() {
  int done = 0;
  if (redisBufferWrite(context_.get(), &done) != REDIS_OK) return broke(context_->errstr);
  wants_write_ = done == 0;
}

void PipelinedKeyDb::on_ready(bool readable, bool writable) {
  if (!context_) return;
  if (writable) {
    write_buffer();
    if (!context_) return;
  }
  if (!readable) return;
  if (redisBufferRead(context_.get()) != REDIS_OK) return broke(context_->errstr);
  void* raw = nullptr;
  while (context_ && !sent_.empty()) {
    if (redisGetReplyFromReader(context_.get(), &raw) != REDIS_OK) return broke(context_->errstr);
    if (raw == nullptr) break;
    Write* write = sent_.front().write;
    sent_.pop_front();
    write->reply_.reset(static_cast<redisReply*>(raw));
    if (!write->key_.empty()) near_cached_.forget(write->key_);  // this worker's next read sees its own write
    write->awaiting_.resume();
  }
}

std::optional<PipelinedKeyDb::Clock::time_point> PipelinedKeyDb::deadline() const {
  if (sent_.empty()) return std::nullopt;
  return sent_.front().at + settings_.command_timeout;
}

void PipelinedKeyDb::expire() { broke("no reply within the command timeout"); }

void PipelinedKeyDb::fail(Write* write, std::exception_ptr error) {
  write->error_ = std::move(error);
  write->awaiting_.resume();
}

void PipelinedKeyDb::broke(const std::string& reason) {
  metrics_.record_dependency_error(platform::Dependency::kKeyDb);
  platform::log_event("warning", "keydb (pipelined): " + reason);
  context_.reset();
  wants_write_ = false;
  // Whether KeyDB ran a sent write is unknown: it is not sent again. Its key
  // may have changed, so the near cache forgets it.
  const auto error = std::make_exception_ptr(platform::DependencyError(platform::Dependency::kKeyDb, reason));
  for (const Sent& sent : std::exchange(sent_, {})) {
    near_cached_.forget(sent.write->key_);
    fail(sent.write, error);
  }
}

}  // namespace store
