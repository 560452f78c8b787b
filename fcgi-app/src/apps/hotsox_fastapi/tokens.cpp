#include "apps/hotsox_fastapi/tokens.h"

#include "apps/hotsox/jwt.h"
#include "platform/json.h"

namespace hotsox_fastapi {

namespace {

constexpr std::string_view kKeyLabel = "hotsox fastapi access token v1";

}  // namespace

std::string fastapi_signing_key(std::string_view hotsox_secret) {
  return hotsox::hmac_sha256(hotsox_secret, kKeyLabel);
}

std::string encode_fastapi_token(const FastapiClaims& claims, std::string_view key) {
  Json::Value payload(Json::objectValue);
  payload["sub"] = claims.sub;
  payload["exp"] = Json::Int64(claims.expires_at);
  payload["superuser"] = claims.superuser;
  payload["active"] = claims.active;
  return hotsox::sign_hs256(payload, key);
}

std::optional<FastapiClaims> verify_fastapi_token(std::string_view token, std::string_view key, long long now) {
  const auto payload = hotsox::verified_hs256_payload(token, key);
  if (!payload) return std::nullopt;
  const Json::Value& p = *payload;
  if (!p["sub"].isString() || p["sub"].asString().empty() || !p["exp"].isInt64()) return std::nullopt;
  FastapiClaims claims;
  claims.sub = p["sub"].asString();
  claims.expires_at = p["exp"].asInt64();
  claims.superuser = p["superuser"].isBool() && p["superuser"].asBool();
  claims.active = p["active"].isBool() && p["active"].asBool();
  if (now >= claims.expires_at) return std::nullopt;
  return claims;
}

}  // namespace hotsox_fastapi
