#include "store/keydb_connection.h"

#include "platform/http.h"
#include "platform/text.h"

#include <stdexcept>

namespace store {

namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

int parse_int(std::string_view text, const char* what) {
  const auto value = platform::parse_integer<int>(text);
  if (!value || *value < 0) {
    throw std::invalid_argument(std::string("REDIS_URL: bad ") + what + " '" + std::string(text) + "'");
  }
  return *value;
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

KeyDbSettings KeyDbSettings::from(const platform::Config& config) {
  return {parse_keydb_url(config.redis_url), config.redis_connect_timeout, config.redis_command_timeout,
          config.reconnect_interval};
}

Reply run_command(redisContext* context, const std::vector<std::string_view>& arguments) {
  std::vector<const char*> values;
  std::vector<std::size_t> lengths;
  values.reserve(arguments.size());
  lengths.reserve(arguments.size());
  for (std::string_view argument : arguments) {
    values.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  return Reply(static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(values.size()), values.data(), lengths.data())));
}

ContextPtr open_keydb(const KeyDbSettings& settings) {
  const KeyDbAddress& address = settings.address;
  const timeval connect_timeout = to_timeval(settings.connect_timeout);
  ContextPtr context(address.unix_path.empty()
                         ? redisConnectWithTimeout(address.host.c_str(), address.port, connect_timeout)
                         : redisConnectUnixWithTimeout(address.unix_path.c_str(), connect_timeout));
  if (!context) throw std::runtime_error("cannot allocate a KeyDB context");
  if (context->err != 0) throw std::runtime_error(std::string("connect: ") + context->errstr);
  if (redisSetTimeout(context.get(), to_timeval(settings.command_timeout)) != REDIS_OK) {
    throw std::runtime_error("cannot set the command timeout");
  }
  auto expect_ok = [&](const std::vector<std::string_view>& arguments) {
    const Reply reply = run_command(context.get(), arguments);
    if (!reply) throw std::runtime_error(std::string(arguments[0]) + ": " + context->errstr);
    if (reply->type == REDIS_REPLY_ERROR) throw std::runtime_error(std::string(arguments[0]) + ": " + reply->str);
  };
  if (!address.password.empty()) expect_ok({"AUTH", address.password});
  if (address.database != 0) expect_ok({"SELECT", std::to_string(address.database)});
  return context;
}

}  // namespace store
