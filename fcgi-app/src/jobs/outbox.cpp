#include "jobs/outbox.h"

#include <json/value.h>
#include <json/writer.h>

namespace jobs {

namespace {

void enqueue(pqxx::work& tx, const char* kind, const Json::Value& payload) {
  Json::StreamWriterBuilder writer;
  writer["indentation"] = "";
  tx.exec_params("INSERT INTO job_outbox (kind, payload) VALUES ($1, $2::jsonb)", kind,
                 Json::writeString(writer, payload));
}

}  // namespace

void enqueue_email(pqxx::work& tx, const std::string& to, const std::string& subject, const std::string& body) {
  Json::Value payload(Json::objectValue);
  payload["to"] = to;
  payload["subject"] = subject;
  payload["body"] = body;
  enqueue(tx, "email", payload);
}

void enqueue_file_removal(pqxx::work& tx, const std::string& file_name) {
  Json::Value payload(Json::objectValue);
  payload["file_name"] = file_name;
  enqueue(tx, "remove_file", payload);
}

}  // namespace jobs
