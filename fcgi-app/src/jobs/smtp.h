// Sends mail through an SMTP server with libcurl (SMTP_URL, credentials).
#pragma once

#include "jobs/settings.h"

#include <string>

namespace jobs {

class SmtpSender {
 public:
  explicit SmtpSender(const Settings& settings);

  // Throws std::runtime_error with the server's or libcurl's reason.
  void send(const std::string& from_address, const std::string& to_address, const std::string& message) const;

 private:
  const Settings& settings_;
};

}  // namespace jobs
