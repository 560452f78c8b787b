// The background jobs' settings (`fcgi-app jobs`): the mail server every
// "email" job goes through, and how failed jobs are retried.
#pragma once

#include "platform/config.h"

#include <chrono>
#include <string>

namespace jobs {

struct Settings {
  std::string smtp_url = "smtp://127.0.0.1:25";  // smtp:// or smtps://host[:port]
  std::string smtp_from;                         // SMTP_FROM; empty: the sender the app queued
  std::string smtp_username;                     // SMTP_USERNAME(_FILE); empty: no login
  std::string smtp_password;                     // SMTP_PASSWORD(_FILE)
  std::chrono::milliseconds smtp_timeout{10000};
  std::chrono::milliseconds retry_base{2000};  // the first retry's delay; doubled each time

  // Loads and validates; throws std::invalid_argument naming the bad variable.
  static Settings from_environment(const platform::EnvLookup& env);
};

}  // namespace jobs
