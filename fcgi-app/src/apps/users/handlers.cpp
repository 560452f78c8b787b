#include "apps/users/handlers.h"

#include "apps/users/user_store.h"

namespace users {

namespace {

using platform::HttpError;
using platform::Response;

Json::Value user_json(const User& user) {
  Json::Value value(Json::objectValue);
  value["userid"] = user.userid;
  value["username"] = user.username;
  return value;
}

}  // namespace

// Asynchronous, as is get_user: the worker serves others while PostgreSQL (or KeyDB) answers.
platform::Task<Response> create_user(const platform::Request& request, server::Context& context) {
  const auto checked = validate_new_user(read_user_input(request));
  if (!checked) throw HttpError(400, "bad_request", checked.error());
  const User& user = *checked;  // lives in the coroutine frame, as `checked` does
  UserStore users(context.pipelined_db, context.pipelined_cache);
  const bool created = co_await users.create(user);
  if (!created) throw HttpError(409, "conflict", "User already exists!");
  Json::Value body(Json::objectValue);
  body["message"] = "User creation successful!";
  body["user"] = user_json(user);
  co_return Response::json(201, body);
}

platform::Task<Response> get_user(const platform::Request& request, server::Context& context) {
  const UserInput input = read_user_input(request);
  if (!input.userid || input.userid->empty()) throw HttpError(404, "not_found", "User not found");
  const auto userid = parse_userid(*input.userid);
  if (!userid) throw HttpError(400, "bad_request", kBadUserid);
  UserStore users(context.pipelined_db, context.pipelined_cache);
  const auto user = co_await users.find(*userid);
  if (!user) throw HttpError(404, "not_found", "User not found");
  Json::Value body(Json::objectValue);
  body["user"] = user_json(*user);
  co_return Response::json(200, body);
}

}  // namespace users
