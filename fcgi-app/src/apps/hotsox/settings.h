// HotSox's settings, read from the environment by the app (module.cpp) and
// kept in each worker (server::Context::state<Settings>()). Both API
// surfaces (DRF and FastAPI) use them.
#pragma once

#include "platform/config.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace hotsox {

inline constexpr std::size_t kMinJwtSecretLength = 32;
// Known to everyone who reads this file: only ALLOW_DEV_JWT_SECRET=1 uses it.
inline constexpr std::string_view kDevelopmentJwtSecret = "development-only-jwt-secret-never-use-it-in-production";

struct Settings {
  // The token signing key (JWT_SECRET or JWT_SECRET_FILE, at least 32
  // characters). Empty: `serve` refuses to start (check_settings).
  // ALLOW_DEV_JWT_SECRET=1 puts a fixed, public key here instead, for
  // development only.
  std::string jwt_secret;
  bool jwt_secret_is_development = false;
  std::chrono::seconds jwt_access_ttl{300};
  std::chrono::seconds jwt_refresh_ttl{86400};
  // Registrations per client address per hour (429 beyond).
  long registrations_per_hour = 10;
  // Where uploaded pictures are written; NGINX serves the folder at /media/.
  std::string media_dir = "./media";

  // Loads and validates; throws std::invalid_argument naming the bad variable.
  static Settings from_environment(const platform::EnvLookup& env);
};

// What `serve` checks before it starts: the settings are valid and there is
// a signing key (tokens signed with a missing or guessable key would let
// anyone in). Throws std::invalid_argument; warns about the development key.
void check_settings(const platform::EnvLookup& env);

}  // namespace hotsox
