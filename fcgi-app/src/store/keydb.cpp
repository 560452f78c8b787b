#include "store/keydb.h"

#include "platform/access_log.h"
#include "platform/http.h"

#include <charconv>
#include <stdexcept>

namespace store {

namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

int parse_int(std::string_view text, const char* what) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    throw std::invalid_argument(std::string("REDIS_URL: bad ") + what + " '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

KeyDbAddress parse_keydb_url(std::string_view url) {
  KeyDbAddress address;
  if (url.rfind("unix://", 0) == 0) {
    std::string_view rest = url.substr(7);
    const std::size_t question = rest.find('?');
    if (question != std::string_view::npos) {
      const auto params = platform::Params::parse(rest.substr(question + 1));
      if (auto db = params.get("db")) address.database = parse_int(*db, "database");
      if (auto password = params.get("password")) address.password = std::string(*password);
      rest = rest.substr(0, question);
    }
    if (rest.empty() || rest.front() != '/') throw std::invalid_argument("REDIS_URL: unix:// needs an absolute path");
    address.unix_path = std::string(rest);
    return address;
  }
  if (url.rfind("redis://", 0) != 0) throw std::invalid_argument("REDIS_URL must start with redis:// or unix://");
  std::string_view rest = url.substr(8);
  const std::size_t slash = rest.find('/');
  if (slash != std::string_view::npos) {
    const std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) address.database = parse_int(db, "database");
    rest = rest.substr(0, slash);
  }
  const std::size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    const std::size_t colon = credentials.find(':');
    const auto password =
        platform::percent_decode(colon == std::string_view::npos ? credentials : credentials.substr(colon + 1), false);
    if (!password) throw std::invalid_argument("REDIS_URL: bad percent-encoding in the password");
    address.password = *password;
    rest = rest.substr(at + 1);
  }
  std::string_view host = rest;
  if (!rest.empty() && rest.front() == '[') {  // [::1]:6379
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("REDIS_URL: unclosed [ in the host");
    host = rest.substr(1, close - 1);
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw std::invalid_argument("REDIS_URL: expected :port after ]");
      address.port = parse_int(after.substr(1), "port");
    }
  } else if (const std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    address.port = parse_int(rest.substr(colon + 1), "port");
    host = rest.substr(0, colon);
  }
  if (!host.empty()) address.host = std::string(host);
  return address;
}

KeyDb::KeyDb(const platform::Config& config, platform::Metrics& metrics)
    : address_(parse_keydb_url(config.redis_url)),
      connect_timeout_(config.redis_connect_timeout),
      command_timeout_(config.redis_command_timeout),
      reconnect_interval_(config.reconnect_interval),
      metrics_(metrics) {}

void KeyDb::fail(const std::string& reason) {
  metrics_.record_dependency_error(platform::Dependency::kKeyDb);
  context_.reset();
  throw platform::DependencyError(platform::Dependency::kKeyDb, reason);
}

redisContext* KeyDb::connect() {
  if (context_) return context_.get();
  if (std::chrono::steady_clock::now() < next_attempt_) {
    throw platform::DependencyError(platform::Dependency::kKeyDb, "KeyDB failed moments ago; not retrying yet");
  }
  next_attempt_ = std::chrono::steady_clock::now() + reconnect_interval_;
  const timeval connect_timeout = to_timeval(connect_timeout_);
  redisContext* raw = address_.unix_path.empty()
                          ? redisConnectWithTimeout(address_.host.c_str(), address_.port, connect_timeout)
                          : redisConnectUnixWithTimeout(address_.unix_path.c_str(), connect_timeout);
  context_.reset(raw);
  if (raw == nullptr) fail("cannot allocate a KeyDB context");
  if (raw->err != 0) fail(std::string("connect: ") + raw->errstr);
  if (redisSetTimeout(raw, to_timeval(command_timeout_)) != REDIS_OK) fail("cannot set the command timeout");
  if (!address_.password.empty()) {
    Reply reply = send(raw, {"AUTH", address_.password});
    if (reply->type == REDIS_REPLY_ERROR) fail(std::string("AUTH: ") + reply->str);
  }
  if (address_.database != 0) {
    const std::string database = std::to_string(address_.database);
    Reply reply = send(raw, {"SELECT", database});
    if (reply->type == REDIS_REPLY_ERROR) fail(std::string("SELECT: ") + reply->str);
  }
  next_attempt_ = {};
  return raw;
}

Reply KeyDb::send(redisContext* context, const std::vector<std::string_view>& arguments) {
  std::vector<const char*> values;
  std::vector<std::size_t> lengths;
  values.reserve(arguments.size());
  lengths.reserve(arguments.size());
  for (std::string_view argument : arguments) {
    values.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(values.size()), values.data(), lengths.data()));
  if (reply == nullptr) fail(std::string("command: ") + (context->errstr[0] ? context->errstr : "no reply"));
  return Reply(reply);
}

Reply KeyDb::command(const std::vector<std::string_view>& arguments) {
  const bool was_connected = static_cast<bool>(context_);
  try {
    return send(connect(), arguments);
  } catch (const platform::DependencyError&) {
    // A connection that sat idle may have been closed by a KeyDB restart:
    // one fresh connection gets one more try.
    if (!was_connected) throw;
    next_attempt_ = {};
    return send(connect(), arguments);
  }
}

std::optional<std::string> KeyDb::get(std::string_view key) {
  Reply reply = command({"GET", key});
  if (reply->type == REDIS_REPLY_STRING) return std::string(reply->str, reply->len);
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("GET: ") + reply->str);
  return std::nullopt;
}

void KeyDb::set(std::string_view key, std::string_view value) {
  Reply reply = command({"SET", key, value});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("SET: ") + reply->str);
}

void KeyDb::set_with_ttl(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  const std::string seconds = std::to_string(ttl.count());
  Reply reply = command({"SET", key, value, "EX", seconds});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("SET: ") + reply->str);
}

void KeyDb::del(std::string_view key) {
  Reply reply = command({"DEL", key});
  if (reply->type == REDIS_REPLY_ERROR) fail(std::string("DEL: ") + reply->str);
}

long long KeyDb::incr(std::string_view key) {
  Reply reply = command({"INCR", key});
  if (reply->type != REDIS_REPLY_INTEGER) fail("INCR: unexpected reply");
  return reply->integer;
}

bool KeyDb::ping() {
  try {
    Reply reply = command({"PING"});
    return reply->type == REDIS_REPLY_STATUS;
  } catch (const platform::DependencyError&) {
    return false;
  }
}

}  // namespace store
