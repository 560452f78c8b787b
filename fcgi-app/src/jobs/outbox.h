// Background jobs are recorded in PostgreSQL, in the transaction that makes
// the change they follow from (the outbox), so a job exists exactly when its
// change commits. `fcgi-app jobs` relays them into the KeyDB stream, runs them
// and deletes each row once its job is finished.
#pragma once

#include <pqxx/pqxx>

#include <string>

namespace jobs {

// Mail to one address. Callers enqueue only for users who want notifications.
void enqueue_email(pqxx::work& tx, const std::string& to, const std::string& subject, const std::string& body);

// Removes a stored picture file from MEDIA_DIR (its row is already gone).
void enqueue_file_removal(pqxx::work& tx, const std::string& file_name);

}  // namespace jobs
