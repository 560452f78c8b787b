// HotSox's background jobs, queued in the transaction of the change they
// follow from (jobs/outbox.h): mails from HotSox, and the removal of a stored
// picture once its row is gone.
#pragma once

#include "apps/hotsox/settings.h"
#include "jobs/runner.h"

#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace hotsox {

// The sender of HotSox's mails unless SMTP_FROM names another.
inline constexpr const char* kMailSender = "HotSox <hotsox@localhost>";

// Mail to one address; none for a blank one (the email is optional). Callers
// enqueue only for users who want notifications.
void enqueue_email(pqxx::work& tx, const std::string& to, const std::string& subject, const std::string& body);

// Removes a stored picture file from MEDIA_DIR (its row is already gone).
void enqueue_file_removal(pqxx::work& tx, const std::string& file_name);

// How `fcgi-app jobs` runs HotSox's own kinds (mail is the runner's).
std::vector<jobs::JobKind> job_kinds(const Settings& settings);

}  // namespace hotsox
