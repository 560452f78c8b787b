#include "platform/errors.h"

namespace platform {

Response error_response(const HttpError& error, const Json::Value& body) {
  Response response = Response::json(error.status(), error.body() ? *error.body() : body);
  for (const auto& [name, value] : error.headers()) response.with_header(name, value);
  return response;
}

Response error_and_message(const HttpError& error, const Request&) {
  Json::Value body(Json::objectValue);
  body["error"] = error.code();
  body["message"] = error.message();
  return error_response(error, body);
}

Response message_only(const HttpError& error, const Request&) {
  Json::Value body(Json::objectValue);
  body["message"] = error.message();
  return error_response(error, body);
}

}  // namespace platform
