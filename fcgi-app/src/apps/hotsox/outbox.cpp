#include "apps/hotsox/outbox.h"

#include "jobs/outbox.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace hotsox {

namespace {

constexpr const char* kRemoveFile = "remove_file";

void remove_file(const std::string& media_dir, const jobs::Job& job) {
  const std::string name = jobs::payload_field(jobs::payload_of(job), "file_name");
  // Only a plain name inside MEDIA_DIR, as the app makes them.
  if (name.empty() || name.find('/') != std::string::npos || name[0] == '.') {
    throw std::runtime_error("not a media file name: " + name);
  }
  const std::string path = media_dir + "/" + name;
  if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
    throw std::runtime_error("cannot remove " + path + ": " + std::strerror(errno));
  }
}

}  // namespace

void enqueue_email(pqxx::work& tx, const std::string& to, const std::string& subject, const std::string& body) {
  if (to.empty()) return;  // an account made without an email address
  jobs::enqueue_email(tx, {kMailSender, to, subject, body});
}

void enqueue_file_removal(pqxx::work& tx, const std::string& file_name) {
  Json::Value payload(Json::objectValue);
  payload["file_name"] = file_name;
  jobs::enqueue(tx, kRemoveFile, payload);
}

std::vector<jobs::JobKind> job_kinds(const Settings& settings) {
  return {{kRemoveFile, [media_dir = settings.media_dir](const jobs::Job& job) { remove_file(media_dir, job); }}};
}

}  // namespace hotsox
