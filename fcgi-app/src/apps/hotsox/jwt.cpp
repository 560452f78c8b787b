#include "apps/hotsox/jwt.h"

#include "platform/json.h"

#include <sodium.h>

#include <array>

namespace hotsox {

namespace {

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

// HMAC-SHA256 with a key of any length (the streaming API hashes long keys as
// RFC 2104 says; crypto_auth_hmacsha256() itself wants exactly 32 bytes).
Mac mac_of(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  Mac mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

std::string_view bytes_of(const Mac& mac) { return {reinterpret_cast<const char*>(mac.data()), mac.size()}; }

const char* type_name(TokenType type) { return type == TokenType::kAccess ? "access" : "refresh"; }

std::optional<Json::Value> decode_json_object(std::string_view segment) {
  const auto text = base64url_decode(segment);
  if (!text) return std::nullopt;
  auto value = platform::parse_json(*text);
  if (!value || !value->isObject()) return std::nullopt;
  return value;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  return std::string(bytes_of(mac_of(key, message)));
}

std::string sign_hs256(const Json::Value& payload, std::string_view key) {
  const std::string signing_input = base64url_encode(kHeader) + "." + base64url_encode(platform::to_json(payload));
  return signing_input + "." + base64url_encode(bytes_of(mac_of(key, signing_input)));
}

std::optional<Json::Value> verified_hs256_payload(std::string_view token, std::string_view key) {
  if (token.empty() || token.size() > kMaxTokenLength || key.empty()) return std::nullopt;
  const std::size_t first_dot = token.find('.');
  if (first_dot == std::string_view::npos) return std::nullopt;
  const std::size_t second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view header_segment = token.substr(0, first_dot);
  const std::string_view payload_segment = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_segment = token.substr(second_dot + 1);

  // The algorithm is ours to choose, never the token's: anything but HS256
  // ("none", RS256 with our secret as a public key, ...) is refused.
  const auto header = decode_json_object(header_segment);
  if (!header || !(*header)["alg"].isString() || (*header)["alg"].asString() != "HS256") return std::nullopt;
  if (header->isMember("typ") && (!(*header)["typ"].isString() || (*header)["typ"].asString() != "JWT")) {
    return std::nullopt;
  }
  if (header->isMember("crit")) return std::nullopt;  // no extension is understood here

  const auto signature = base64url_decode(signature_segment);
  if (!signature || signature->size() != crypto_auth_hmacsha256_BYTES) return std::nullopt;
  const Mac mac = mac_of(key, token.substr(0, second_dot));
  if (sodium_memcmp(mac.data(), signature->data(), mac.size()) != 0) return std::nullopt;
  return decode_json_object(payload_segment);
}

std::string encode_token(const TokenClaims& claims, std::string_view secret) {
  Json::Value payload(Json::objectValue);
  payload["token_type"] = type_name(claims.type);
  payload["exp"] = Json::Int64(claims.expires_at);
  payload["iat"] = Json::Int64(claims.issued_at);
  payload["jti"] = claims.id;
  payload["user_id"] = Json::Int64(claims.user_id);
  payload["ver"] = Json::Int64(claims.version);
  return sign_hs256(payload, secret);
}

std::optional<TokenClaims> verify_token(std::string_view token, std::string_view secret, TokenType expected,
                                        long long now) {
  const auto payload = verified_hs256_payload(token, secret);
  if (!payload) return std::nullopt;
  const Json::Value& p = *payload;
  if (!p["token_type"].isString() || p["token_type"].asString() != type_name(expected)) return std::nullopt;
  if (!p["exp"].isInt64() || !p["user_id"].isInt64() || !p["ver"].isInt64()) return std::nullopt;
  TokenClaims claims;
  claims.type = expected;
  claims.expires_at = p["exp"].asInt64();
  claims.user_id = p["user_id"].asInt64();
  claims.version = p["ver"].asInt64();
  claims.issued_at = p["iat"].isInt64() ? p["iat"].asInt64() : 0;
  claims.id = p["jti"].isString() ? p["jti"].asString() : "";
  if (claims.user_id <= 0 || claims.version < 0 || now >= claims.expires_at) return std::nullopt;
  return claims;
}

}  // namespace hotsox
