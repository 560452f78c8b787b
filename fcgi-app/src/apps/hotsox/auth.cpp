#include "apps/hotsox/auth.h"

#include "apps/hotsox/jwt.h"
#include "platform/admin_auth.h"
#include "store/keydb.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <stdexcept>

namespace hotsox {

namespace {

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string random_token_id() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return hex.data();
}

std::string issue(const Principal& principal, TokenType type, std::chrono::seconds lifetime,
                  const platform::Config& config) {
  const long long now = now_seconds();
  TokenClaims claims{type, principal.id, principal.token_version, now, now + lifetime.count(), random_token_id()};
  return encode_token(claims, config.jwt_secret);
}

platform::HttpError not_authenticated() {
  return detail_error(401, "Authentication credentials were not provided.")
      .with_header("WWW-Authenticate", "Bearer realm=\"api\"");
}

platform::HttpError token_not_valid() {
  return detail_error(401, "Given token not valid for any token type", "token_not_valid")
      .with_header("WWW-Authenticate", "Bearer realm=\"api\"");
}

// The account behind verified claims, if it may still use them.
std::optional<Principal> current_principal(const TokenClaims& claims, platform::Context& context) {
  auto principal = AccountStore(context.db).principal(claims.user_id);
  if (!principal || !principal->is_active || principal->token_version != claims.version) return std::nullopt;
  return principal;
}

constexpr const char* kTakeScript =
    "local n = redis.call('INCR', KEYS[1]) "
    "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
    "return n";
// Never below zero and never a key without an expiry.
constexpr const char* kGiveBackScript =
    "local v = redis.call('GET', KEYS[1]) "
    "if v and tonumber(v) > 0 then return redis.call('DECR', KEYS[1]) end "
    "return 0";

long long integer_reply(const store::Reply& reply, const char* what) {
  if (reply->type != REDIS_REPLY_INTEGER) {
    throw std::runtime_error(std::string(what) + ": unexpected reply" +
                             (reply->type == REDIS_REPLY_ERROR ? std::string(": ") + reply->str : ""));
  }
  return reply->integer;
}

}  // namespace

platform::HttpError detail_error(int status, const std::string& detail, const std::string& code) {
  Json::Value body(Json::objectValue);
  body["detail"] = detail;
  if (!code.empty()) body["code"] = code;
  return platform::HttpError::with_body(status, body);
}

TokenPair issue_tokens(const Principal& principal, const platform::Config& config) {
  return {issue(principal, TokenType::kAccess, config.jwt_access_ttl, config),
          issue(principal, TokenType::kRefresh, config.jwt_refresh_ttl, config)};
}

std::string issue_access_token(const Principal& principal, const platform::Config& config) {
  return issue(principal, TokenType::kAccess, config.jwt_access_ttl, config);
}

std::optional<Principal> principal_of_refresh_token(std::string_view token, platform::Context& context) {
  const auto claims = verify_token(token, context.config.jwt_secret, TokenType::kRefresh, now_seconds());
  if (!claims) return std::nullopt;
  return current_principal(*claims, context);
}

Principal require_user(const platform::Request& request, platform::Context& context) {
  const auto token = platform::bearer_token(request);
  if (!token) throw not_authenticated();
  const auto claims = verify_token(*token, context.config.jwt_secret, TokenType::kAccess, now_seconds());
  if (!claims) throw token_not_valid();
  const auto principal = current_principal(*claims, context);
  if (!principal) throw token_not_valid();
  return *principal;
}

Principal require_staff(const platform::Request& request, platform::Context& context) {
  Principal principal = require_user(request, context);
  if (!principal.is_staff) throw detail_error(403, "You do not have permission to perform this action.");
  return principal;
}

LoginLimiter::LoginLimiter(platform::Context& context, const std::string& client_address)
    : context_(context), key_("hotsox:login:" + (client_address.empty() ? std::string("unknown") : client_address)) {}

void LoginLimiter::take() {
  const std::string window = std::to_string(kLoginWindowSeconds);
  const long long attempts =
      integer_reply(context_.cache.command({"EVAL", kTakeScript, "1", key_, window}), "login limit");
  if (attempts <= kLoginAttempts) return;
  long long wait = integer_reply(context_.cache.command({"TTL", key_}), "login limit");
  if (wait < 1) wait = 1;
  throw detail_error(429, "Request was throttled. Expected available in " + std::to_string(wait) + " seconds.")
      .with_header("Retry-After", std::to_string(wait));
}

void take_registration_slot(platform::Context& context, const std::string& client_address) {
  constexpr long long kWindowSeconds = 3600;
  const std::string key = "hotsox:register:" + (client_address.empty() ? std::string("unknown") : client_address);
  const long long registrations = integer_reply(
      context.cache.command({"EVAL", kTakeScript, "1", key, std::to_string(kWindowSeconds)}), "registration limit");
  if (registrations <= context.config.registrations_per_hour) return;
  long long wait = integer_reply(context.cache.command({"TTL", key}), "registration limit");
  if (wait < 1) wait = 1;
  throw detail_error(429, "Request was throttled. Expected available in " + std::to_string(wait) + " seconds.")
      .with_header("Retry-After", std::to_string(wait));
}

void LoginLimiter::give_back() { context_.cache.command({"EVAL", kGiveBackScript, "1", key_}); }

}  // namespace hotsox
