#include "apps/hotsox/auth.h"

#include "apps/hotsox/jwt.h"
#include "platform/text.h"
#include "store/keydb.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <vector>

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

std::string issue(const Principal& principal, TokenType type, std::chrono::seconds lifetime, const Settings& settings) {
  const long long now = now_seconds();
  TokenClaims claims{type, principal.id, principal.token_version, now, now + lifetime.count(), random_token_id()};
  return encode_token(claims, settings.jwt_secret);
}

// DRF answers every 401 of an API view with the header of its first
// authentication class; the original listed TokenAuthentication first.
platform::HttpError unauthorized_with(Json::Value body) {
  return platform::HttpError::with_body(401, std::move(body)).with_header("WWW-Authenticate", "Token");
}

platform::HttpError unauthorized(const std::string& detail, const std::string& code = "") {
  Json::Value body(Json::objectValue);
  body["detail"] = detail;
  if (!code.empty()) body["code"] = code;
  return unauthorized_with(body);
}

// simplejwt's answer for an access token that does not verify.
platform::HttpError token_not_valid() {
  Json::Value body(Json::objectValue);
  body["detail"] = "Given token not valid for any token type";
  body["code"] = "token_not_valid";
  Json::Value message(Json::objectValue);
  message["token_class"] = "AccessToken";
  message["token_type"] = "access";
  message["message"] = "Token is invalid or expired";
  body["messages"].append(message);
  return unauthorized_with(body);
}

// The account behind verified claims, if it may still use them.
std::optional<Principal> current_principal(const TokenClaims& claims, server::Context& context) {
  auto principal = AccountStore(context.db).principal(claims.user_id);
  if (!principal || !principal->is_active || principal->token_version != claims.version) return std::nullopt;
  return principal;
}

TokenClaims claims_of_access_token(std::string_view token, server::Context& context) {
  const auto claims = verify_token(token, context.state<Settings>().jwt_secret, TokenType::kAccess, now_seconds());
  if (!claims) throw token_not_valid();
  return *claims;
}

Principal principal_of_access_token(std::string_view token, server::Context& context) {
  const TokenClaims claims = claims_of_access_token(token, context);
  return principal_of_claims(claims, AccountStore(context.db).principal(claims.user_id));
}

Principal principal_of_auth_token(const std::string& key, server::Context& context) {
  const auto principal = AccountStore(context.db).principal_of_auth_token(key);
  if (!principal) throw unauthorized("Invalid token.");
  if (!principal->is_active) throw unauthorized("User inactive or deleted.");
  return *principal;
}

// DRF's throttle answer; a key about to expire still asks for a second.
platform::HttpError too_many_requests(long long seconds_to_live) {
  const long long wait = std::max(seconds_to_live, 1LL);
  return detail_error(429, "Request was throttled. Expected available in " + std::to_string(wait) + " seconds.")
      .with_header("Retry-After", std::to_string(wait));
}

}  // namespace

platform::HttpError detail_error(int status, const std::string& detail, const std::string& code) {
  Json::Value body(Json::objectValue);
  body["detail"] = detail;
  if (!code.empty()) body["code"] = code;
  return platform::HttpError::with_body(status, body);
}

TokenPair issue_tokens(const Principal& principal, const Settings& settings) {
  return {issue(principal, TokenType::kAccess, settings.jwt_access_ttl, settings),
          issue(principal, TokenType::kRefresh, settings.jwt_refresh_ttl, settings)};
}

std::string issue_access_token(const Principal& principal, const Settings& settings) {
  return issue(principal, TokenType::kAccess, settings.jwt_access_ttl, settings);
}

std::optional<Principal> principal_of_refresh_token(std::string_view token, server::Context& context) {
  const auto claims = verify_token(token, context.state<Settings>().jwt_secret, TokenType::kRefresh, now_seconds());
  if (!claims) return std::nullopt;
  return current_principal(*claims, context);
}

bool is_access_token(std::string_view token, const server::Context& context) {
  return verify_token(token, context.state<Settings>().jwt_secret, TokenType::kAccess, now_seconds()).has_value();
}

PresentedCredentials read_authorization(std::optional<std::string_view> header) {
  using Kind = PresentedCredentials::Kind;
  if (!header) return {};
  // Both classes split the header on whitespace.
  std::vector<std::string_view> parts;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(" \t");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = rest.find_first_of(" \t");
    parts.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  }
  if (parts.empty()) return {};
  if (parts[0] == "Bearer") {
    if (parts.size() != 2) {
      return {Kind::kMalformed, "", "Authorization header must contain two space-delimited values",
              "bad_authorization_header"};
    }
    return {Kind::kJwt, std::string(parts[1]), "", ""};
  }
  // TokenAuthentication compares its keyword without regard to case.
  if (parts[0].size() == 5 && std::equal(parts[0].begin(), parts[0].end(), "token", [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      })) {
    if (parts.size() == 1) return {Kind::kMalformed, "", "Invalid token header. No credentials provided.", ""};
    if (parts.size() > 2) {
      return {Kind::kMalformed, "", "Invalid token header. Token string should not contain spaces.", ""};
    }
    // DRF decodes the key as UTF-8 before looking it up.
    if (!platform::utf8_length(parts[1])) {
      return {Kind::kMalformed, "", "Invalid token header. Token string should not contain invalid characters.", ""};
    }
    return {Kind::kAuthToken, std::string(parts[1]), "", ""};
  }
  return {};
}

std::optional<Principal> authenticate(const platform::Request& request, server::Context& context) {
  const PresentedCredentials credentials = read_authorization(request.header("authorization"));
  switch (credentials.kind) {
    case PresentedCredentials::Kind::kNone: return std::nullopt;
    case PresentedCredentials::Kind::kJwt: return principal_of_access_token(credentials.value, context);
    case PresentedCredentials::Kind::kAuthToken: return principal_of_auth_token(credentials.value, context);
    case PresentedCredentials::Kind::kMalformed: throw unauthorized(credentials.problem, credentials.code);
  }
  return std::nullopt;
}

Principal principal_of_claims(const TokenClaims& claims, const std::optional<Principal>& account) {
  if (!account) throw unauthorized("User not found", "user_not_found");
  if (!account->is_active) throw unauthorized("User is inactive", "user_inactive");
  // A password changed since the token was issued: the token is retired (ours).
  if (account->token_version != claims.version) throw token_not_valid();
  return *account;
}

std::optional<TokenClaims> verified_access_claims(const platform::Request& request, server::Context& context) {
  const PresentedCredentials credentials = read_authorization(request.header("authorization"));
  if (credentials.kind != PresentedCredentials::Kind::kJwt) return std::nullopt;
  return claims_of_access_token(credentials.value, context);
}

Principal require_user(const platform::Request& request, server::Context& context) {
  const auto principal = authenticate(request, context);
  if (!principal) throw unauthorized("Authentication credentials were not provided.");
  return *principal;
}

std::string new_auth_token_key() {
  std::array<unsigned char, 20> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 41> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return hex.data();
}

Principal require_staff(const platform::Request& request, server::Context& context) {
  Principal principal = require_user(request, context);
  if (!principal.is_staff) throw detail_error(403, "You do not have permission to perform this action.");
  return principal;
}

LoginLimiter::LoginLimiter(server::Context& context, const std::string& client_address, const std::string& username)
    : context_(context),
      address_key_("hotsox:login:" + (client_address.empty() ? std::string("unknown") : client_address)),
      // Usernames are compared exactly (hotsox_credentials), so the key is the name as sent.
      account_key_("hotsox:login:account:" + username) {}

void LoginLimiter::take() {
  const long long attempts = context_.cache.increment_with_ttl(address_key_, std::chrono::seconds(kLoginWindowSeconds));
  if (attempts > kLoginAttempts) throw throttled(address_key_);
  const long long failures = context_.cache.counter(account_key_);
  if (failures >= kAccountLoginFailures) throw throttled(account_key_);
}

void LoginLimiter::succeeded() {
  context_.cache.decrement_if_positive(address_key_);
  context_.cache.del(account_key_);
}

void LoginLimiter::failed() {
  context_.cache.increment_with_ttl(account_key_, std::chrono::seconds(kAccountWindowSeconds));
}

platform::HttpError LoginLimiter::throttled(const std::string& key) {
  return too_many_requests(context_.cache.seconds_to_live(key));
}

void take_registration_slot(server::Context& context, const std::string& client_address) {
  constexpr std::chrono::seconds kWindow(3600);
  const std::string key = "hotsox:register:" + (client_address.empty() ? std::string("unknown") : client_address);
  const long long registrations = context.cache.increment_with_ttl(key, kWindow);
  if (registrations <= context.state<Settings>().registrations_per_hour) return;
  throw too_many_requests(context.cache.seconds_to_live(key));
}

}  // namespace hotsox
