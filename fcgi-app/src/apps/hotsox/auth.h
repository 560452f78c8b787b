// Who is calling: bearer tokens checked against the account on every request,
// tokens issued at login, and the login attempt limit.
#pragma once

#include "apps/hotsox/jwt.h"
#include "apps/hotsox/settings.h"
#include "apps/hotsox/store.h"
#include "platform/http.h"
#include "server/context.h"

#include <optional>
#include <string>
#include <string_view>

namespace hotsox {

// DRF's error body: {"detail": "..."} (and "code" when simplejwt gives one).
platform::HttpError detail_error(int status, const std::string& detail, const std::string& code = "");

struct TokenPair {
  std::string access;
  std::string refresh;
};

TokenPair issue_tokens(const Principal& principal, const Settings& settings);
std::string issue_access_token(const Principal& principal, const Settings& settings);

// The account a refresh token names, if the token is valid and the account
// still active with the same token version.
std::optional<Principal> principal_of_refresh_token(std::string_view token, server::Context& context);
// A valid access token where a refresh token belongs: simplejwt's "Token has wrong type".
bool is_access_token(std::string_view token, const server::Context& context);

// What an Authorization header offers, read as DRF's two authentication
// classes do (simplejwt's JWTAuthentication, then TokenAuthentication). Pure.
struct PresentedCredentials {
  enum class Kind {
    kNone,       // no header, or a scheme neither class reads: anonymous
    kJwt,        // "Bearer <access token>"
    kAuthToken,  // "Token <key>"
    kMalformed,  // a known scheme with a malformed value: `problem` says how
  } kind = Kind::kNone;
  std::string value;    // the token or key
  std::string problem;  // for kMalformed: the 401's detail
  std::string code;     // and its code, when the class gives one
};
PresentedCredentials read_authorization(std::optional<std::string_view> header);

// The caller, if the request presents credentials: a JWT access token must
// verify and its account still exist, be active and not have changed its
// password since (one primary-key read); an authtoken key must be known and
// its account active. Throws 401 in DRF's shapes for bad credentials;
// nullopt for none.
std::optional<Principal> authenticate(const platform::Request& request, server::Context& context);
// The same, and 401 {"detail": "Authentication credentials were not provided."} for none.
Principal require_user(const platform::Request& request, server::Context& context);

// The claims of the JWT access token the request presents, verified (401 as
// authenticate() for a bad one), before its account is read: for a handler
// that reads the account in its own statement and then applies
// principal_of_claims. nullopt when the request presents no JWT.
std::optional<TokenClaims> verified_access_claims(const platform::Request& request, server::Context& context);
// authenticate()'s checks of a verified JWT's account (nullopt: not found).
Principal principal_of_claims(const TokenClaims& claims, const std::optional<Principal>& account);

// A new DRF authtoken key: 40 lower-case hex digits from 20 random bytes.
std::string new_auth_token_key();
// Also 403 unless the account is staff.
Principal require_staff(const platform::Request& request, server::Context& context);

// At most REGISTRATIONS_PER_HOUR new accounts an hour per client address:
// each costs a password hash. Throws 429 (with Retry-After) beyond.
void take_registration_slot(server::Context& context, const std::string& client_address);

// At most kLoginAttempts failed logins a minute per client address. Each
// attempt takes a slot before the password is checked (so parallel guesses
// cannot overrun the limit) and a successful one gives it back. The address
// is the client's as NGINX saw it, or as a trusted proxy forwarded it
// (nginx/render: NGINX_TRUSTED_PROXIES).
inline constexpr long long kLoginAttempts = 5;
inline constexpr long long kLoginWindowSeconds = 60;
// And at most kAccountLoginFailures failed logins per account in a window of
// kAccountWindowSeconds that starts at its first failure, from any number of
// addresses (a botnet guessing one password). Only failures count, so the
// account's owner is never locked out by logging in, and a lock ends with its
// window: never for longer than kAccountWindowSeconds. A success forgets them.
inline constexpr long long kAccountLoginFailures = 10;
inline constexpr long long kAccountWindowSeconds = 300;
class LoginLimiter {
 public:
  LoginLimiter(server::Context& context, const std::string& client_address, const std::string& username);
  // Throws 429 (with Retry-After) when the address has no attempts left or
  // the account has failed too often in its window.
  void take();
  // After the password was right: the address's attempt back, the account's failures forgotten.
  void succeeded();
  // After it was wrong (or the account does not exist): one more failure for the account.
  void failed();

 private:
  server::Context& context_;
  platform::HttpError throttled(const std::string& key);

  std::string address_key_;
  std::string account_key_;
};

}  // namespace hotsox
