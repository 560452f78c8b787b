// What each kind of job does. "email" is the runner's own (a mail through
// the mail server); the apps add theirs (apps/module.h).
#pragma once

#include "jobs/queue.h"
#include "jobs/settings.h"
#include "jobs/smtp.h"
#include "platform/json.h"

#include <functional>
#include <string>
#include <vector>

namespace jobs {

// One kind of job an app queues (the `kind` of its outbox rows) and how it
// runs: it throws with the reason when the job should be tried again.
struct JobKind {
  std::string name;
  std::function<void(const Job& job)> run;
};

// The JSON object a job carries, and one of its text fields; both throw
// std::runtime_error when they are not there.
Json::Value payload_of(const Job& job);
std::string payload_field(const Json::Value& payload, const char* name);

class JobRunner {
 public:
  JobRunner(const Settings& settings, std::vector<JobKind> app_kinds)
      : settings_(settings), smtp_(settings), app_kinds_(std::move(app_kinds)) {}

  // Throws with the reason when the job should be tried again.
  void run(const Job& job) const;

 private:
  void send_email(const Job& job) const;

  const Settings& settings_;
  SmtpSender smtp_;
  std::vector<JobKind> app_kinds_;
};

}  // namespace jobs
