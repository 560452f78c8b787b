// JSON Web Tokens, HS256 only (RFC 7519 / 7515 compact form), as
// djangorestframework-simplejwt issues them. Pure: time and the token id are
// the caller's.
#pragma once

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>

namespace hotsox {

enum class TokenType { kAccess, kRefresh };

struct TokenClaims {
  TokenType type = TokenType::kAccess;
  long long user_id = 0;
  long long version = 0;  // the user's token_version when it was issued
  long long issued_at = 0;
  long long expires_at = 0;
  std::string id;  // jti
};

// Longest token verify_token reads; anything longer is refused unread.
inline constexpr std::size_t kMaxTokenLength = 4096;

// HMAC-SHA256 of `message` under a key of any length: 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view message);

// header.payload.signature, base64url without padding, signed with
// HMAC-SHA256: the compact form both HotSox surfaces issue.
std::string sign_hs256(const Json::Value& payload, std::string_view key);

// The payload object of a token that is well formed, says alg HS256 (and typ
// JWT, if any, and no crit) and carries a valid signature under `key`
// (compared in constant time); nullopt otherwise. Its claims are unchecked.
std::optional<Json::Value> verified_hs256_payload(std::string_view token, std::string_view key);

// A simplejwt token of `claims`, signed with sign_hs256.
std::string encode_token(const TokenClaims& claims, std::string_view secret);

// The claims of a token that is well formed, says alg HS256, carries a valid
// signature (compared in constant time), is of the expected type and has not
// expired at `now` (seconds since the epoch); nullopt otherwise.
std::optional<TokenClaims> verify_token(std::string_view token, std::string_view secret, TokenType expected,
                                        long long now);

// base64url without padding (RFC 4648 § 5); decoding refuses padding, other
// alphabets and non-zero trailing bits, so each value has one encoding.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace hotsox
