#include "apps/hello/handlers.h"

#include "apps/hello/birthday.h"
#include "apps/hello/birthday_store.h"
#include "platform/json.h"

namespace hello {

namespace {

using platform::HttpError;

const std::string& username_or_throw(const platform::Request& request) {
  const std::string& username = request.param("username");
  if (!is_valid_username(username)) throw HttpError(400, "bad_request", kUsernameNotValid);
  return username;
}

}  // namespace

// The checks run in the contract's order: name, payload, date, future.
// Asynchronous: the upsert is pipelined with the other requests' statements.
platform::Task<platform::Response> save_birthday(const platform::Request& request, server::Context& context) {
  const std::string& username = username_or_throw(request);
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw HttpError(400, "bad_request", kPayloadRequired);
  }
  const auto body = platform::parse_json(request.body);
  const auto birthday = body ? date_of_birth(*body) : std::nullopt;
  if (!birthday) throw HttpError(400, "bad_request", kDateIncorrect);
  if (*birthday > context.config.today()) throw HttpError(400, "bad_request", kDateInFuture);
  co_await BirthdayStore(context.pipelined_db, context.pipelined_cache).save(username, *birthday);
  co_return platform::Response::no_content();
}

// Usually from the worker's near cache, without waiting (birthday_store.h).
platform::Task<platform::Response> greet(const platform::Request& request, server::Context& context) {
  const std::string& username = username_or_throw(request);
  const auto birthday = co_await BirthdayStore(context.pipelined_db, context.pipelined_cache).find(username);
  if (!birthday) throw HttpError(404, "not_found", "Error! User " + username + " not found");
  Json::Value body(Json::objectValue);
  body["message"] = greeting(username, days_until_birthday(*birthday, context.config.today()));
  co_return platform::Response::json(200, body);
}

}  // namespace hello
