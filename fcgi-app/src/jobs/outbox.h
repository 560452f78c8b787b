// Background jobs are recorded in PostgreSQL, in the transaction that makes
// the change they follow from (the outbox), so a job exists exactly when its
// change commits. `fcgi-app jobs` relays them into the KeyDB stream, runs them
// and deletes each row once its job is finished.
#pragma once

#include "jobs/email.h"

#include <json/value.h>
#include <pqxx/pqxx>

#include <string>

namespace jobs {

// A job of `kind` (an app's: apps/module.h) with its JSON payload.
void enqueue(pqxx::work& tx, const char* kind, const Json::Value& payload);

// Mail to one address, sent from `email.from` unless SMTP_FROM names another
// sender (jobs/settings.h).
void enqueue_email(pqxx::work& tx, const Email& email);

}  // namespace jobs
