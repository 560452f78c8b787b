#include "apps/hotsox_fastapi/tokens.h"
#include "apps/hotsox/jwt.h"
#include "apps/hotsox_fastapi/endpoint.h"

#include <boost/test/unit_test.hpp>

using namespace hotsox_fastapi;

namespace {

constexpr std::string_view kSecret = "unit-test-secret-unit-test-secret";
constexpr long long kNow = 1'750'000'000;

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_fastapi_tokens)

BOOST_AUTO_TEST_CASE(round_trip_keeps_the_claims) {
  const std::string key = fastapi_signing_key(kSecret);
  const std::string token = encode_fastapi_token({"ann", kNow + kTokenLifetimeSeconds, true, false}, key);
  const auto claims = verify_fastapi_token(token, key, kNow);
  BOOST_REQUIRE(claims);
  BOOST_TEST(claims->sub == "ann");
  BOOST_TEST(claims->expires_at == kNow + 900);
  BOOST_TEST(claims->superuser == true);
  BOOST_TEST(claims->active == false);
}

BOOST_AUTO_TEST_CASE(expired_tampered_and_foreign_tokens_are_refused) {
  const std::string key = fastapi_signing_key(kSecret);
  const std::string token = encode_fastapi_token({"ann", kNow + 10, false, true}, key);
  BOOST_TEST(!verify_fastapi_token(token, key, kNow + 10));  // exp is exclusive
  BOOST_TEST(!verify_fastapi_token(token, fastapi_signing_key("another secret"), kNow));
  std::string tampered = token;
  tampered[tampered.find('.') + 3] ^= 1;
  BOOST_TEST(!verify_fastapi_token(tampered, key, kNow));
  BOOST_TEST(!verify_fastapi_token("", key, kNow));
  BOOST_TEST(!verify_fastapi_token("a.b", key, kNow));
  BOOST_TEST(!verify_fastapi_token(encode_fastapi_token({"", kNow + 10, false, true}, key), key, kNow));  // no sub
}

BOOST_AUTO_TEST_CASE(the_two_surfaces_do_not_share_keys_or_tokens) {
  const std::string key = fastapi_signing_key(kSecret);
  BOOST_TEST(key != kSecret);
  BOOST_TEST(key.size() == 32u);
  // A DRF access token, signed with the HotSox secret itself, is not a FastAPI token...
  const std::string drf = hotsox::encode_token({hotsox::TokenType::kAccess, 1, 0, kNow, kNow + 60, "jti"}, kSecret);
  BOOST_TEST(!verify_fastapi_token(drf, key, kNow));
  // ...and a FastAPI token is not a DRF one.
  const std::string fastapi = encode_fastapi_token({"ann", kNow + 60, true, true}, key);
  BOOST_TEST(!hotsox::verify_token(fastapi, kSecret, hotsox::TokenType::kAccess, kNow));
}

BOOST_AUTO_TEST_CASE(rate_limit_windows_are_fixed_minutes_per_route_and_address) {
  const std::string first = rate_limit_key("POST /fastapi/v1/token", "127.0.0.1", 1'800'000'000);
  BOOST_TEST(first == rate_limit_key("POST /fastapi/v1/token", "127.0.0.1", 1'800'000'059));
  BOOST_TEST(first != rate_limit_key("POST /fastapi/v1/token", "127.0.0.1", 1'800'000'060));
  BOOST_TEST(first != rate_limit_key("POST /fastapi/v1/token", "127.0.0.2", 1'800'000'000));
  BOOST_TEST(first != rate_limit_key("GET /fastapi/v1/user/", "127.0.0.1", 1'800'000'000));
}

BOOST_AUTO_TEST_CASE(platform_errors_read_as_fastapi_writes_them) {
  platform::Request request;
  request.method = "PATCH";
  const auto body = [&](const platform::HttpError& error) { return fastapi_error(error, request).body; };
  BOOST_TEST(body(platform::HttpError(404, "not_found", "no route")) == R"({"detail":"Not Found"})");
  BOOST_TEST(body(platform::HttpError(405, "method_not_allowed", "x")) == R"({"detail":"Method Not Allowed"})");
  BOOST_TEST(body(platform::HttpError(500, "internal_error", "x")) == R"({"detail":"Internal Server Error"})");
  BOOST_TEST(body(detail(404, "No sock available")) == R"({"detail":"No sock available"})");
  BOOST_TEST(fastapi_error(detail(400, "x"), request).status == 400);
}

BOOST_AUTO_TEST_SUITE_END()
