#include "apps/hotsox/settings.h"

#include "platform/access_log.h"

#include <stdexcept>

namespace hotsox {

namespace {

void read_signing_key(const platform::EnvLookup& env, Settings& settings) {
  settings.jwt_secret = platform::read_setting(env, "JWT_SECRET").value_or("");
  if (!settings.jwt_secret.empty() && settings.jwt_secret.size() < kMinJwtSecretLength) {
    throw std::invalid_argument("JWT_SECRET must be at least " + std::to_string(kMinJwtSecretLength) + " characters");
  }
  if (auto allow = env("ALLOW_DEV_JWT_SECRET"); allow && *allow != "0") {
    if (*allow != "1") throw std::invalid_argument("ALLOW_DEV_JWT_SECRET must be 0 or 1, got '" + *allow + "'");
    if (settings.jwt_secret.empty()) {
      settings.jwt_secret = std::string(kDevelopmentJwtSecret);
      settings.jwt_secret_is_development = true;
    }
  }
}

}  // namespace

Settings Settings::from_environment(const platform::EnvLookup& env) {
  Settings settings;
  if (auto count = platform::read_number(env, "REGISTRATIONS_PER_HOUR", 1, 1000000000)) {
    settings.registrations_per_hour = *count;
  }
  read_signing_key(env, settings);
  if (auto seconds = platform::read_number(env, "JWT_ACCESS_TTL_SECONDS", 1, 86400)) {
    settings.jwt_access_ttl = std::chrono::seconds(*seconds);
  }
  if (auto seconds = platform::read_number(env, "JWT_REFRESH_TTL_SECONDS", 1, 30L * 86400)) {
    settings.jwt_refresh_ttl = std::chrono::seconds(*seconds);
  }
  if (auto dir = env("MEDIA_DIR")) {
    if (dir->empty()) throw std::invalid_argument("MEDIA_DIR must not be empty");
    settings.media_dir = *dir;
  }
  return settings;
}

void check_settings(const platform::EnvLookup& env) {
  const Settings settings = Settings::from_environment(env);
  if (settings.jwt_secret.empty()) {
    throw std::invalid_argument(
        "JWT_SECRET or JWT_SECRET_FILE is required (ALLOW_DEV_JWT_SECRET=1 uses a fixed, public key: development "
        "only)");
  }
  if (settings.jwt_secret_is_development) {
    platform::log_event("warning", "ALLOW_DEV_JWT_SECRET=1: tokens are signed with a public key, development only");
  }
}

}  // namespace hotsox
