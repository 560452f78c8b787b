#include "jobs/runner.h"

#include "jobs/email.h"

#include <ctime>
#include <stdexcept>

namespace jobs {

std::string payload_field(const Json::Value& payload, const char* name) {
  const Json::Value& value = payload[name];
  if (!value.isString()) throw std::runtime_error(std::string("payload without ") + name);
  return value.asString();
}

Json::Value payload_of(const Job& job) {
  auto payload = platform::parse_json(job.payload);
  if (!payload || !payload->isObject()) throw std::runtime_error("payload is not a JSON object");
  return *payload;
}

void JobRunner::run(const Job& job) const {
  if (job.kind == "email") return send_email(job);
  for (const JobKind& kind : app_kinds_) {
    if (job.kind == kind.name) return kind.run(job);
  }
  throw std::runtime_error("unknown job kind '" + job.kind + "'");
}

void JobRunner::send_email(const Job& job) const {
  const Json::Value payload = payload_of(job);
  // SMTP_FROM, when set, is the sender of every mail.
  const std::string from = settings_.smtp_from.empty() ? payload_field(payload, "from") : settings_.smtp_from;
  const Email email{from, payload_field(payload, "to"), payload_field(payload, "subject"),
                    payload_field(payload, "body")};
  smtp_.send(address_of(email.from), address_of(email.to), format_message(email, job.job_id, std::time(nullptr)));
}

}  // namespace jobs
