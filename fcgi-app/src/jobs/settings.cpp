#include "jobs/settings.h"

#include <stdexcept>

namespace jobs {

Settings Settings::from_environment(const platform::EnvLookup& env) {
  Settings settings;
  if (auto url = env("SMTP_URL")) {
    if (url->rfind("smtp://", 0) != 0 && url->rfind("smtps://", 0) != 0) {
      throw std::invalid_argument("SMTP_URL must start with smtp:// or smtps://, got '" + *url + "'");
    }
    settings.smtp_url = *url;
  }
  if (auto from = env("SMTP_FROM")) settings.smtp_from = *from;
  settings.smtp_username = platform::read_setting(env, "SMTP_USERNAME").value_or("");
  settings.smtp_password = platform::read_setting(env, "SMTP_PASSWORD").value_or("");
  if (auto ms = platform::read_number(env, "SMTP_TIMEOUT_MS", 100, 600000)) {
    settings.smtp_timeout = std::chrono::milliseconds(*ms);
  }
  if (auto ms = platform::read_number(env, "JOBS_RETRY_BASE_MS", 10, 3600000)) {
    settings.retry_base = std::chrono::milliseconds(*ms);
  }
  return settings;
}

}  // namespace jobs
