#include "apps/hotsox_fastapi/tokens.h"

#include "apps/hotsox/jwt.h"
#include "platform/json.h"

#include <sodium.h>

#include <array>

namespace hotsox_fastapi {

namespace {

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view kKeyLabel = "hotsox fastapi access token v1";

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

Mac hmac_sha256(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  Mac mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

std::string_view bytes_of(const Mac& mac) { return {reinterpret_cast<const char*>(mac.data()), mac.size()}; }

std::optional<Json::Value> decode_object(std::string_view segment) {
  const auto text = hotsox::base64url_decode(segment);
  if (!text) return std::nullopt;
  auto value = platform::parse_json(*text);
  if (!value || !value->isObject()) return std::nullopt;
  return value;
}

}  // namespace

std::string fastapi_signing_key(std::string_view hotsox_secret) {
  return std::string(bytes_of(hmac_sha256(hotsox_secret, kKeyLabel)));
}

std::string encode_fastapi_token(const FastapiClaims& claims, std::string_view key) {
  Json::Value payload(Json::objectValue);
  payload["sub"] = claims.sub;
  payload["exp"] = Json::Int64(claims.expires_at);
  payload["superuser"] = claims.superuser;
  payload["active"] = claims.active;
  const std::string signing_input =
      hotsox::base64url_encode(kHeader) + "." + hotsox::base64url_encode(platform::to_json(payload));
  return signing_input + "." + hotsox::base64url_encode(bytes_of(hmac_sha256(key, signing_input)));
}

std::optional<FastapiClaims> verify_fastapi_token(std::string_view token, std::string_view key, long long now) {
  if (token.empty() || token.size() > hotsox::kMaxTokenLength || key.empty()) return std::nullopt;
  const std::size_t first_dot = token.find('.');
  if (first_dot == std::string_view::npos) return std::nullopt;
  const std::size_t second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  // The algorithm is ours to choose, never the token's.
  const auto header = decode_object(token.substr(0, first_dot));
  if (!header || !(*header)["alg"].isString() || (*header)["alg"].asString() != "HS256") return std::nullopt;
  if (header->isMember("crit")) return std::nullopt;

  const auto signature = hotsox::base64url_decode(token.substr(second_dot + 1));
  if (!signature || signature->size() != crypto_auth_hmacsha256_BYTES) return std::nullopt;
  const Mac mac = hmac_sha256(key, token.substr(0, second_dot));
  if (sodium_memcmp(mac.data(), signature->data(), mac.size()) != 0) return std::nullopt;

  const auto payload = decode_object(token.substr(first_dot + 1, second_dot - first_dot - 1));
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
