#include "jobs/outbox.h"

#include <json/value.h>
#include <json/writer.h>

namespace jobs {

void enqueue(pqxx::work& tx, const char* kind, const Json::Value& payload) {
  Json::StreamWriterBuilder writer;
  writer["indentation"] = "";
  tx.exec_params("INSERT INTO job_outbox (kind, payload) VALUES ($1, $2::jsonb)", kind,
                 Json::writeString(writer, payload));
}

void enqueue_email(pqxx::work& tx, const Email& email) {
  Json::Value payload(Json::objectValue);
  payload["from"] = email.from;
  payload["to"] = email.to;
  payload["subject"] = email.subject;
  payload["body"] = email.body;
  enqueue(tx, "email", payload);
}

}  // namespace jobs
