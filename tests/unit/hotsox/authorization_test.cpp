#include "apps/hotsox/auth.h"

#include <boost/test/unit_test.hpp>

using namespace hotsox;
using Kind = PresentedCredentials::Kind;

BOOST_AUTO_TEST_SUITE(hotsox_authorization_header)

BOOST_AUTO_TEST_CASE(bearer_and_token_schemes) {
  BOOST_TEST((read_authorization(std::nullopt).kind == Kind::kNone));
  BOOST_TEST((read_authorization("").kind == Kind::kNone));
  // A scheme neither class reads leaves the request anonymous.
  BOOST_TEST((read_authorization("Basic YWxhZGRpbjpvcGVu").kind == Kind::kNone));
  BOOST_TEST((read_authorization("bearer abc").kind == Kind::kNone));  // simplejwt's type is case-sensitive

  const auto jwt = read_authorization("Bearer a.b.c");
  BOOST_TEST((jwt.kind == Kind::kJwt));
  BOOST_TEST(jwt.value == "a.b.c");

  const auto key = read_authorization("Token 0123456789abcdef0123456789abcdef01234567");
  BOOST_TEST((key.kind == Kind::kAuthToken));
  BOOST_TEST(key.value == "0123456789abcdef0123456789abcdef01234567");
  BOOST_TEST((read_authorization("token abc").kind == Kind::kAuthToken));  // DRF lower-cases its keyword
}

BOOST_AUTO_TEST_CASE(malformed_headers_say_what_is_wrong) {
  const auto bare_bearer = read_authorization("Bearer");
  BOOST_TEST((bare_bearer.kind == Kind::kMalformed));
  BOOST_TEST(bare_bearer.problem == "Authorization header must contain two space-delimited values");
  BOOST_TEST(bare_bearer.code == "bad_authorization_header");
  BOOST_TEST(read_authorization("Bearer a b").code == "bad_authorization_header");

  const auto bare_token = read_authorization("Token");
  BOOST_TEST((bare_token.kind == Kind::kMalformed));
  BOOST_TEST(bare_token.problem == "Invalid token header. No credentials provided.");
  BOOST_TEST(bare_token.code.empty());
  BOOST_TEST(read_authorization("Token a b").problem ==
             "Invalid token header. Token string should not contain spaces.");
}

BOOST_AUTO_TEST_CASE(new_keys_are_forty_hex_digits) {
  const std::string a = new_auth_token_key();
  BOOST_TEST(a.size() == 40u);
  BOOST_TEST(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_TEST(a != new_auth_token_key());
}

BOOST_AUTO_TEST_SUITE_END()
