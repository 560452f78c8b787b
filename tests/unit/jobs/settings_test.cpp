#include "jobs/settings.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <stdexcept>
#include <string>

namespace {

platform::EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jobs_settings)

BOOST_AUTO_TEST_CASE(defaults_and_values) {
  const jobs::Settings defaults = jobs::Settings::from_environment(env_of({}));
  BOOST_TEST(defaults.smtp_url == "smtp://127.0.0.1:25");
  BOOST_TEST(defaults.smtp_from == "");  // the app's own sender
  BOOST_TEST(defaults.retry_base.count() == 2000);
  const jobs::Settings set = jobs::Settings::from_environment(env_of(
      {{"SMTP_URL", "smtps://mail.example:465"}, {"SMTP_FROM", "Ops <ops@example.com>"}, {"SMTP_TIMEOUT_MS", "500"}}));
  BOOST_TEST(set.smtp_url == "smtps://mail.example:465");
  BOOST_TEST(set.smtp_from == "Ops <ops@example.com>");
  BOOST_TEST(set.smtp_timeout.count() == 500);
}

BOOST_AUTO_TEST_CASE(a_url_of_another_scheme_is_refused) {
  try {
    jobs::Settings::from_environment(env_of({{"SMTP_URL", "http://mail"}}));
    BOOST_FAIL("expected an error");
  } catch (const std::invalid_argument& error) {
    BOOST_TEST(std::string(error.what()) == "SMTP_URL must start with smtp:// or smtps://, got 'http://mail'");
  }
}

BOOST_AUTO_TEST_SUITE_END()
