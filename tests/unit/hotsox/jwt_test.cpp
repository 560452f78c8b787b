#include "apps/hotsox/jwt.h"

#include "platform/json.h"

#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <string>

using namespace hotsox;

namespace {

constexpr std::string_view kSecret = "unit-test-secret-unit-test-secret";
constexpr long long kNow = 1'750'000'000;
constexpr std::string_view kHs256 = R"({"alg":"HS256","typ":"JWT"})";

// HMAC-SHA256, written here again so that the tests do not trust jwt.cpp's.
std::string reference_hmac_sha256(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// A token of already encoded segments, signed with `key`.
std::string sign_segments(const std::string& header, const std::string& payload, std::string_view key = kSecret) {
  const std::string input = header + "." + payload;
  return input + "." + base64url_encode(reference_hmac_sha256(key, input));
}

// A token of any header and payload text, correctly signed with `key`.
std::string sign(std::string_view header, std::string_view payload, std::string_view key = kSecret) {
  return sign_segments(base64url_encode(header), base64url_encode(payload), key);
}

// The claims encode_token writes, for an access token of user 7 valid for a minute.
Json::Value claims(const char* type = "access") {
  Json::Value value(Json::objectValue);
  value["token_type"] = type;
  value["exp"] = Json::Int64(kNow + 60);
  value["iat"] = Json::Int64(kNow - 10);
  value["jti"] = "abc123";
  value["user_id"] = Json::Int64(7);
  value["ver"] = Json::Int64(2);
  return value;
}

std::string sign_claims(const Json::Value& value, std::string_view header = kHs256) {
  return sign(header, platform::to_json(value));
}

TokenClaims sample(TokenType type = TokenType::kAccess) {
  return TokenClaims{type, 42, 3, kNow - 5, kNow + 300, "0123456789abcdef"};
}

bool verifies(const std::string& token, TokenType type = TokenType::kAccess) {
  return verify_token(token, kSecret, type, kNow).has_value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_jwt)

BOOST_AUTO_TEST_CASE(the_test_signer_matches_known_vectors) {
  // jwt.io's example token, and RFC 4231 case 6 (a key longer than a block).
  BOOST_TEST(base64url_encode(
                 reference_hmac_sha256("your-256-bit-secret",
                                       "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                                       "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ")) ==
             "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
  BOOST_TEST(
      hex(reference_hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // jwt.h's own HMAC, which the FastAPI surface's tokens and key use too, agrees.
  const std::string long_key(131, '\xaa');
  BOOST_TEST(hotsox::hmac_sha256(long_key, "Test Using Larger Than Block-Size Key - Hash Key First") ==
             reference_hmac_sha256(long_key, "Test Using Larger Than Block-Size Key - Hash Key First"));
  // A token this file signs is accepted: every refusal below is due to the one thing changed.
  BOOST_TEST(verifies(sign_claims(claims())));
}

BOOST_AUTO_TEST_CASE(round_trip_keeps_every_claim) {
  for (const TokenType type : {TokenType::kAccess, TokenType::kRefresh}) {
    const TokenClaims sent = sample(type);
    const auto read = verify_token(encode_token(sent, kSecret), kSecret, type, kNow);
    BOOST_REQUIRE(read.has_value());
    BOOST_TEST((read->type == type));
    BOOST_TEST(read->user_id == 42);
    BOOST_TEST(read->version == 3);
    BOOST_TEST(read->issued_at == kNow - 5);
    BOOST_TEST(read->expires_at == kNow + 300);
    BOOST_TEST(read->id == "0123456789abcdef");
  }
}

BOOST_AUTO_TEST_CASE(encoded_form_is_compact_hs256) {
  const std::string token = encode_token(sample(), kSecret);
  const std::size_t first = token.find('.');
  const std::size_t second = token.rfind('.');
  BOOST_REQUIRE(first != std::string::npos);
  BOOST_REQUIRE(second != first);
  BOOST_TEST(token.find_first_of("=+/ ") == std::string::npos);
  BOOST_TEST(*base64url_decode(token.substr(0, first)) == kHs256);
  const auto payload = platform::parse_json(*base64url_decode(token.substr(first + 1, second - first - 1)));
  BOOST_REQUIRE(payload.has_value());
  BOOST_TEST((*payload)["token_type"].asString() == "access");
  BOOST_TEST((*payload)["user_id"].asInt64() == 42);
  BOOST_TEST((*payload)["ver"].asInt64() == 3);
  BOOST_TEST((*payload)["iat"].asInt64() == kNow - 5);
  BOOST_TEST((*payload)["exp"].asInt64() == kNow + 300);
  BOOST_TEST((*payload)["jti"].asString() == "0123456789abcdef");
  BOOST_TEST(payload->size() == 6u);
  // The signature is HMAC-SHA256 of "header.payload" with the secret.
  BOOST_TEST(token.substr(second + 1) == base64url_encode(reference_hmac_sha256(kSecret, token.substr(0, second))));
  BOOST_TEST(encode_token(sample(TokenType::kRefresh), kSecret).substr(0, first) == token.substr(0, first));
}

BOOST_AUTO_TEST_CASE(keys_of_any_length_sign) {
  // Longer than SHA-256's 64-byte block: hashed first, as RFC 2104 says.
  const std::string long_key(200, 'k');
  const std::string token = encode_token(sample(), long_key);
  BOOST_TEST(token.substr(token.rfind('.') + 1) ==
             base64url_encode(reference_hmac_sha256(long_key, token.substr(0, token.rfind('.')))));
  BOOST_TEST(verify_token(token, long_key, TokenType::kAccess, kNow).has_value());
  BOOST_TEST(!verify_token(token, std::string(199, 'k'), TokenType::kAccess, kNow).has_value());
  const std::string short_token = encode_token(sample(), "k");
  BOOST_TEST(verify_token(short_token, "k", TokenType::kAccess, kNow).has_value());
}

BOOST_AUTO_TEST_CASE(expires_at_exp) {
  const std::string token = encode_token(sample(), kSecret);
  BOOST_TEST(verify_token(token, kSecret, TokenType::kAccess, kNow + 299).has_value());
  BOOST_TEST(!verify_token(token, kSecret, TokenType::kAccess, kNow + 300).has_value());
  BOOST_TEST(!verify_token(token, kSecret, TokenType::kAccess, kNow + 86'400).has_value());
  // Issued in the future is not checked: clocks of several hosts differ a little.
  BOOST_TEST(verify_token(token, kSecret, TokenType::kAccess, kNow - 1000).has_value());
}

BOOST_AUTO_TEST_CASE(wrong_token_type_is_refused) {
  const std::string access = encode_token(sample(TokenType::kAccess), kSecret);
  const std::string refresh = encode_token(sample(TokenType::kRefresh), kSecret);
  BOOST_TEST(verifies(access, TokenType::kAccess));
  BOOST_TEST(!verifies(access, TokenType::kRefresh));
  BOOST_TEST(verifies(refresh, TokenType::kRefresh));
  BOOST_TEST(!verifies(refresh, TokenType::kAccess));
  for (const char* type : {"Access", "", "refresh "}) {
    BOOST_TEST(!verifies(sign_claims(claims(type))), type);
  }
  Json::Value untyped = claims();
  untyped.removeMember("token_type");
  BOOST_TEST(!verifies(sign_claims(untyped)));
  untyped["token_type"] = 1;
  BOOST_TEST(!verifies(sign_claims(untyped)));
}

BOOST_AUTO_TEST_CASE(wrong_secret_or_signature_is_refused) {
  const std::string token = encode_token(sample(), kSecret);
  BOOST_TEST(!verify_token(token, "another-secret", TokenType::kAccess, kNow).has_value());
  BOOST_TEST(!verify_token(token, "", TokenType::kAccess, kNow).has_value());
  BOOST_TEST(!verify_token(encode_token(sample(), ""), "", TokenType::kAccess, kNow).has_value());
  BOOST_TEST(!verifies(sign(kHs256, platform::to_json(claims()), "another-secret")));

  const std::size_t dot = token.rfind('.');
  std::string flipped = token;
  flipped[dot + 5] = flipped[dot + 5] == 'A' ? 'B' : 'A';
  BOOST_TEST(!verifies(flipped));
  BOOST_TEST(!verifies(token.substr(0, dot + 1)));                        // no signature
  BOOST_TEST(!verifies(token.substr(0, token.size() - 1)));               // one character short: 31 bytes and bits
  BOOST_TEST(!verifies(token + base64url_encode(std::string(3, '\0'))));  // 35 bytes
  // The signature of a shorter MAC is not a prefix match.
  const std::string mac = reference_hmac_sha256(kSecret, token.substr(0, dot));
  BOOST_TEST(!verifies(token.substr(0, dot + 1) + base64url_encode(mac.substr(0, 16))));
}

BOOST_AUTO_TEST_CASE(tampered_header_or_payload_is_refused) {
  const std::string token = encode_token(sample(), kSecret);
  const std::size_t first = token.find('.');
  const std::size_t second = token.rfind('.');
  TokenClaims other = sample();
  other.user_id = 43;
  const std::string forged = encode_token(other, "some other key");
  const std::string other_payload = forged.substr(forged.find('.') + 1, forged.rfind('.') - forged.find('.') - 1);
  // Someone else's id under my signature.
  BOOST_TEST(!verifies(token.substr(0, first + 1) + other_payload + token.substr(second)));
  // A longer expiry under the same signature.
  Json::Value later = claims();
  later["exp"] = Json::Int64(kNow + 1'000'000);
  const std::string good = sign_claims(claims());
  BOOST_TEST(verifies(good));
  BOOST_TEST(!verifies(good.substr(0, good.find('.') + 1) + base64url_encode(platform::to_json(later)) +
                       good.substr(good.rfind('.'))));
  // The same header in other bytes is another signing input.
  const std::string spaced = base64url_encode(R"({"alg": "HS256", "typ": "JWT"})");
  BOOST_TEST(!verifies(spaced + token.substr(first)));
  BOOST_TEST(verifies(sign(R"({"alg": "HS256", "typ": "JWT"})", platform::to_json(claims()))));
}

BOOST_AUTO_TEST_CASE(only_hs256_is_accepted) {
  const std::string payload = platform::to_json(claims());
  BOOST_TEST(verifies(sign(R"({"alg":"HS256"})", payload)));  // typ may be left out
  for (const char* header :
       {R"({"alg":"none","typ":"JWT"})", R"({"alg":"None"})", R"({"alg":"hs256","typ":"JWT"})",
        R"({"alg":"HS384","typ":"JWT"})", R"({"alg":"HS512","typ":"JWT"})", R"({"alg":"RS256","typ":"JWT"})",
        R"({"alg":"ES256","typ":"JWT"})", R"({"alg":"","typ":"JWT"})", R"({"alg":null,"typ":"JWT"})",
        R"({"alg":["HS256"],"typ":"JWT"})", R"({"typ":"JWT"})", R"({})",
        // Anything else the header claims about itself: another type, or a critical extension.
        R"({"alg":"HS256","typ":"JWS"})", R"({"alg":"HS256","typ":null})", R"({"alg":"HS256","typ":1})",
        R"({"alg":"HS256","typ":"JWT","crit":["exp"]})", R"({"alg":"HS256","crit":[]})"}) {
    // Even correctly signed with our secret.
    BOOST_TEST(!verifies(sign(header, payload)), header);
  }
  // "none" as an attacker sends it: an empty signature.
  const std::string none = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + base64url_encode(payload) + ".";
  BOOST_TEST(!verifies(none));
}

BOOST_AUTO_TEST_CASE(malformed_segments_are_refused) {
  const std::string token = encode_token(sample(), kSecret);
  const std::size_t first = token.find('.');
  for (const std::string& bad :
       {std::string(), std::string("."), std::string(".."), std::string("..."), std::string("abc"), std::string("a.b"),
        std::string("a.b.c"), std::string("not.a.token"), token.substr(0, first), token + ".", "." + token,
        token + "." + token.substr(token.rfind('.') + 1),
        token.substr(0, first) + ".." + token.substr(token.rfind('.') + 1), " " + token, token + " ",
        "Bearer " + token}) {
    BOOST_TEST(!verifies(bad), bad);
  }
  // A dot where the header should be, or a missing payload, even signed.
  BOOST_TEST(!verifies(sign_segments("", base64url_encode(platform::to_json(claims())))));
  BOOST_TEST(!verifies(sign_segments(base64url_encode(kHs256), "")));
}

BOOST_AUTO_TEST_CASE(non_json_segments_are_refused_even_signed) {
  const std::string payload = platform::to_json(claims());
  for (const char* header :
       {"not json", "", "[]", R"(["alg","HS256"])", R"("HS256")", "null", R"({"alg":"HS256","typ":"JWT"} trailing)"}) {
    BOOST_TEST(!verifies(sign(header, payload)), header);
  }
  for (const char* body : {"not json", "", "[]", "42", R"({"token_type":"access")", "null"}) {
    BOOST_TEST(!verifies(sign(kHs256, body)), body);
  }
}

BOOST_AUTO_TEST_CASE(bad_base64url_segments_are_refused_even_signed) {
  const std::string header = base64url_encode(kHs256);
  const std::string payload = base64url_encode(platform::to_json(claims()));
  BOOST_TEST(verifies(sign_segments(header, payload)));
  // Padding, the standard alphabet, characters outside any alphabet.
  const std::string padded = payload + std::string((4 - payload.size() % 4) % 4, '=');
  BOOST_REQUIRE(padded != payload);
  BOOST_TEST(!verifies(sign_segments(header, padded)));
  BOOST_TEST(!verifies(sign_segments(header + "=", payload)));
  BOOST_TEST(!verifies(sign_segments(header, payload + "!")));
  BOOST_TEST(!verifies(sign_segments(header, payload.substr(0, 4) + " " + payload.substr(4))));
  // "??>" is "Pz8-" in base64url and "Pz8+" in base64 (at any offset some
  // of "??>??>??>" comes out as '-' or '_'): accepted only the first way.
  Json::Value with_dash = claims();
  with_dash["jti"] = "?\?>?\?>?\?>";
  const std::string url_payload = base64url_encode(platform::to_json(with_dash));
  BOOST_REQUIRE(url_payload.find_first_of("-_") != std::string::npos);
  BOOST_TEST(verifies(sign_segments(header, url_payload)));
  std::string standard_payload = url_payload;
  for (char& c : standard_payload) c = c == '-' ? '+' : c == '_' ? '/' : c;
  BOOST_TEST(!verifies(sign_segments(header, standard_payload)));

  // A signature's last character carries 4 bits of the MAC and 2 zero bits:
  // the next character has the same 4 bits, but is refused.
  const std::string token = sign_segments(header, payload);
  std::string sloppy = token;
  char& last = sloppy.back();
  const auto alphabet_index =
      std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").find(last);
  BOOST_REQUIRE(alphabet_index % 4 == 0);
  last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[alphabet_index + 1];
  BOOST_TEST(!verifies(sloppy));
}

BOOST_AUTO_TEST_CASE(claims_must_be_whole_numbers_and_in_range) {
  const auto with = [](const char* name, const Json::Value& value) {
    Json::Value c = claims();
    c[name] = value;
    return sign_claims(c);
  };
  const auto without = [](const char* name) {
    Json::Value c = claims();
    c.removeMember(name);
    return sign_claims(c);
  };
  BOOST_TEST(!verifies(without("exp")));
  BOOST_TEST(!verifies(without("user_id")));
  BOOST_TEST(!verifies(without("ver")));
  BOOST_TEST(!verifies(with("exp", Json::Value(std::to_string(kNow + 60)))));
  BOOST_TEST(!verifies(with("user_id", Json::Value("7"))));
  BOOST_TEST(!verifies(with("user_id", Json::Value(Json::nullValue))));
  BOOST_TEST(!verifies(with("user_id", Json::Value(true))));
  BOOST_TEST(!verifies(with("user_id", Json::Value(7.5))));
  BOOST_TEST(!verifies(with("user_id", Json::Value(Json::Int64(0)))));
  BOOST_TEST(!verifies(with("user_id", Json::Value(Json::Int64(-7)))));
  BOOST_TEST(!verifies(with("ver", Json::Value(Json::Int64(-1)))));
  BOOST_TEST(verifies(with("ver", Json::Value(Json::Int64(0)))));
  // iat and jti are informative: read when present, defaulted when not.
  const auto bare = verify_token(sign_claims([] {
                                   Json::Value c = claims();
                                   c.removeMember("iat");
                                   c.removeMember("jti");
                                   return c;
                                 }()),
                                 kSecret, TokenType::kAccess, kNow);
  BOOST_REQUIRE(bare.has_value());
  BOOST_TEST(bare->issued_at == 0);
  BOOST_TEST(bare->id == "");
  BOOST_TEST(bare->user_id == 7);
  BOOST_TEST(bare->version == 2);
  BOOST_TEST(bare->expires_at == kNow + 60);
}

BOOST_AUTO_TEST_CASE(tokens_over_the_length_limit_are_refused_unread) {
  // Valid tokens of exactly kMaxTokenLength and one more character (the jti pads them).
  std::string at_limit;
  std::string over_limit;
  for (std::size_t padding = 2000; padding < 3500 && (at_limit.empty() || over_limit.empty()); ++padding) {
    TokenClaims claims = sample();
    claims.id = std::string(padding, 'j');
    const std::string token = encode_token(claims, kSecret);
    if (token.size() == kMaxTokenLength) at_limit = token;
    if (token.size() == kMaxTokenLength + 1) over_limit = token;
  }
  BOOST_REQUIRE(!at_limit.empty());
  BOOST_REQUIRE(!over_limit.empty());
  BOOST_TEST(verifies(at_limit));
  BOOST_TEST(!verifies(over_limit));
}

BOOST_AUTO_TEST_CASE(base64url_rfc4648_vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    BOOST_TEST(base64url_encode(plain) == encoded);
    const auto decoded = base64url_decode(encoded);
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST(*decoded == plain);
  }
  // The URL-safe alphabet: 62 and 63 are '-' and '_'.
  BOOST_TEST(base64url_encode("\xfb\xff\xbf") == "-_-_");
  BOOST_TEST(*base64url_decode("-_-_") == "\xfb\xff\xbf");
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  BOOST_TEST(*base64url_decode(base64url_encode(every_byte)) == every_byte);
}

BOOST_AUTO_TEST_CASE(base64url_decoding_has_one_encoding_per_value) {
  for (const char* bad : {"Zg==", "Zm8=", "Zg=", "+/+/", "Zm9/", "Zh", "Zm9", "Z", "Zm9vY", "Zm 9v", "Zm9v\n", "Zm9v!",
                          "Zm9v.", "\xc3\xa9"}) {
    BOOST_TEST(!base64url_decode(bad).has_value(), bad);
  }
  // "Zh" differs from "Zg" only in bits that carry no data; "Zm9" is "fo" exactly.
  BOOST_TEST(*base64url_decode("Zm8") == "fo");
}

BOOST_AUTO_TEST_SUITE_END()
