// Who is calling: bearer tokens checked against the account on every request,
// tokens issued at login, and the login attempt limit.
#pragma once

#include "apps/hotsox/store.h"
#include "platform/context.h"
#include "platform/http.h"

#include <string>

namespace hotsox {

// DRF's error body: {"detail": "..."} (and "code" when simplejwt gives one).
platform::HttpError detail_error(int status, const std::string& detail, const std::string& code = "");

struct TokenPair {
  std::string access;
  std::string refresh;
};

TokenPair issue_tokens(const Principal& principal, const platform::Config& config);
std::string issue_access_token(const Principal& principal, const platform::Config& config);

// The account a refresh token names, if the token is valid and the account
// still active with the same token version.
std::optional<Principal> principal_of_refresh_token(std::string_view token, platform::Context& context);

// The caller of a request with "Authorization: Bearer <access token>": the
// token must verify and its account still exist, be active and not have
// changed its password since (one primary-key read). Throws 401 otherwise.
Principal require_user(const platform::Request& request, platform::Context& context);
// Also 403 unless the account is staff.
Principal require_staff(const platform::Request& request, platform::Context& context);

// At most REGISTRATIONS_PER_HOUR new accounts an hour per client address:
// each costs a password hash. Throws 429 (with Retry-After) beyond.
void take_registration_slot(platform::Context& context, const std::string& client_address);

// At most kLoginAttempts failed logins a minute per client address. Each
// attempt takes a slot before the password is checked (so parallel guesses
// cannot overrun the limit) and a successful one gives it back.
inline constexpr long long kLoginAttempts = 5;
inline constexpr long long kLoginWindowSeconds = 60;
class LoginLimiter {
 public:
  LoginLimiter(platform::Context& context, const std::string& client_address);
  // Throws 429 (with Retry-After) when the address has no attempts left.
  void take();
  void give_back();

 private:
  platform::Context& context_;
  std::string key_;
};

}  // namespace hotsox
