#include "apps/hotsox/settings.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace hotsox;

namespace {

platform::EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

const std::string kSecret(32, 's');

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_settings)

BOOST_AUTO_TEST_CASE(defaults_and_values) {
  const Settings defaults = Settings::from_environment(env_of({}));
  BOOST_TEST(defaults.jwt_secret == "");
  BOOST_TEST(defaults.registrations_per_hour == 10);
  BOOST_TEST(defaults.media_dir == "./media");
  BOOST_TEST(defaults.jwt_access_ttl.count() == 300);
  const Settings set = Settings::from_environment(env_of({{"JWT_SECRET", kSecret},
                                                          {"REGISTRATIONS_PER_HOUR", "7"},
                                                          {"MEDIA_DIR", "/srv/media"},
                                                          {"JWT_REFRESH_TTL_SECONDS", "60"}}));
  BOOST_TEST(set.jwt_secret == kSecret);
  BOOST_TEST(set.registrations_per_hour == 7);
  BOOST_TEST(set.media_dir == "/srv/media");
  BOOST_TEST(set.jwt_refresh_ttl.count() == 60);
}

BOOST_AUTO_TEST_CASE(the_development_key_only_when_asked_and_no_secret_is_set) {
  const Settings dev = Settings::from_environment(env_of({{"ALLOW_DEV_JWT_SECRET", "1"}}));
  BOOST_TEST(dev.jwt_secret == std::string(kDevelopmentJwtSecret));
  BOOST_TEST(dev.jwt_secret_is_development);
  const Settings real = Settings::from_environment(env_of({{"ALLOW_DEV_JWT_SECRET", "1"}, {"JWT_SECRET", kSecret}}));
  BOOST_TEST(real.jwt_secret == kSecret);
  BOOST_TEST(!real.jwt_secret_is_development);
}

BOOST_AUTO_TEST_CASE(bad_values_name_the_variable) {
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{{"JWT_SECRET", "short"},
                                                                                    {"ALLOW_DEV_JWT_SECRET", "yes"},
                                                                                    {"REGISTRATIONS_PER_HOUR", "0"},
                                                                                    {"JWT_ACCESS_TTL_SECONDS", "x"},
                                                                                    {"MEDIA_DIR", ""}}) {
    try {
      Settings::from_environment(env_of({{name, value}}));
      BOOST_FAIL("expected an error for " + name);
    } catch (const std::invalid_argument& error) {
      BOOST_TEST(std::string(error.what()).find(name) != std::string::npos, error.what());
    }
  }
}

BOOST_AUTO_TEST_CASE(serve_needs_a_signing_key) {
  try {
    check_settings(env_of({}));
    BOOST_FAIL("expected an error without JWT_SECRET");
  } catch (const std::invalid_argument& error) {
    BOOST_TEST(std::string(error.what()).find("JWT_SECRET or JWT_SECRET_FILE is required") == 0u, error.what());
  }
  BOOST_CHECK_NO_THROW(check_settings(env_of({{"JWT_SECRET", kSecret}})));
}

BOOST_AUTO_TEST_SUITE_END()
