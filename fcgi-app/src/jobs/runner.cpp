#include "jobs/runner.h"

#include "jobs/email.h"
#include "platform/json.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace jobs {

namespace {

std::string field(const Json::Value& payload, const char* name) {
  const Json::Value& value = payload[name];
  if (!value.isString()) throw std::runtime_error(std::string("payload without ") + name);
  return value.asString();
}

Json::Value payload_of(const Job& job) {
  auto payload = platform::parse_json(job.payload);
  if (!payload || !payload->isObject()) throw std::runtime_error("payload is not a JSON object");
  return *payload;
}

}  // namespace

void JobRunner::run(const Job& job) const {
  if (job.kind == "email") return send_email(job);
  if (job.kind == "remove_file") return remove_file(job);
  throw std::runtime_error("unknown job kind '" + job.kind + "'");
}

void JobRunner::send_email(const Job& job) const {
  const Json::Value payload = payload_of(job);
  const Email email{config_.smtp_from, field(payload, "to"), field(payload, "subject"), field(payload, "body")};
  smtp_.send(address_of(email.from), address_of(email.to), format_message(email, job.job_id, std::time(nullptr)));
}

void JobRunner::remove_file(const Job& job) const {
  const std::string name = field(payload_of(job), "file_name");
  // Only a plain name inside MEDIA_DIR, as the app makes them.
  if (name.empty() || name.find('/') != std::string::npos || name[0] == '.') {
    throw std::runtime_error("not a media file name: " + name);
  }
  const std::string path = config_.media_dir + "/" + name;
  if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
    throw std::runtime_error("cannot remove " + path + ": " + std::strerror(errno));
  }
}

}  // namespace jobs
