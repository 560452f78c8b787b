// FastAPI's access tokens (python-jose, HS256): claims {sub, exp, superuser,
// active}, signed with a key of their own so that neither surface accepts the
// other's tokens. Pure: time is the caller's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hotsox_fastapi {

struct FastapiClaims {
  std::string sub;  // the username
  long long expires_at = 0;
  bool superuser = false;
  bool active = false;
};

inline constexpr long long kTokenLifetimeSeconds = 15 * 60;

// The signing key: HMAC-SHA256 of a fixed label under HotSox's JWT secret,
// so it rotates with that secret and is never equal to it.
std::string fastapi_signing_key(std::string_view hotsox_secret);

std::string encode_fastapi_token(const FastapiClaims& claims, std::string_view key);

// The claims of a well-formed HS256 token with a valid signature, a string
// `sub` and an `exp` after `now`; nullopt otherwise. Missing `superuser` or
// `active` claims read as false.
std::optional<FastapiClaims> verify_fastapi_token(std::string_view token, std::string_view key, long long now);

}  // namespace hotsox_fastapi
