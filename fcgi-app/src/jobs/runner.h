// What each kind of job does.
#pragma once

#include "jobs/queue.h"
#include "jobs/smtp.h"
#include "platform/config.h"

namespace jobs {

class JobRunner {
 public:
  explicit JobRunner(const platform::Config& config) : config_(config), smtp_(config) {}

  // Throws with the reason when the job should be tried again.
  void run(const Job& job) const;

 private:
  void send_email(const Job& job) const;
  void remove_file(const Job& job) const;

  const platform::Config& config_;
  SmtpSender smtp_;
};

}  // namespace jobs
