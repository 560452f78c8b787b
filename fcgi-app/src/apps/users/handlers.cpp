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

platform::Response create_user(const platform::Request& request, server::Context& context) {
  const auto checked = validate_new_user(read_user_input(request));
  if (!checked) throw HttpError(400, "bad_request", checked.error());
  const User& user = *checked;
  if (!UserStore(context.db, context.cache).create(user)) throw HttpError(409, "conflict", "User already exists!");
  Json::Value body(Json::objectValue);
  body["message"] = "User creation successful!";
  body["user"] = user_json(user);
  return Response::json(201, body);
}

platform::Response get_user(const platform::Request& request, server::Context& context) {
  const UserInput input = read_user_input(request);
  if (!input.userid || input.userid->empty()) throw HttpError(404, "not_found", "User not found");
  const auto userid = parse_userid(*input.userid);
  if (!userid) throw HttpError(400, "bad_request", kBadUserid);
  const auto user = UserStore(context.db, context.cache).find(*userid);
  if (!user) throw HttpError(404, "not_found", "User not found");
  Json::Value body(Json::objectValue);
  body["user"] = user_json(*user);
  return Response::json(200, body);
}

}  // namespace users
