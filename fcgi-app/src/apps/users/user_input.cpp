#include "apps/users/user_input.h"

#include "platform/json.h"
#include "platform/multipart.h"
#include "platform/text.h"

namespace users {

namespace {

std::optional<std::string> json_text(const Json::Value& object, const char* key) {
  if (!object.isMember(key) || object[key].isNull()) return std::nullopt;
  const Json::Value& value = object[key];
  if (value.isString()) return value.asString();
  if (value.isIntegral()) return value.isUInt64() ? std::to_string(value.asUInt64()) : std::to_string(value.asInt64());
  return platform::to_json(value);  // a float, bool, array or object: present, and invalid
}

}  // namespace

UserInput read_user_input(const platform::Request& request) {
  UserInput input;
  auto take = [&](std::optional<std::string>& slot, std::optional<std::string_view> value) {
    if (!slot && value) slot = std::string(*value);
  };
  take(input.userid, request.query.get("userid"));
  take(input.username, request.query.get("username"));
  if (request.body.empty()) return input;

  const std::string type = request.media_type();
  if (type == "application/x-www-form-urlencoded") {
    const auto form = platform::Params::parse(request.body);
    take(input.userid, form.get("userid"));
    take(input.username, form.get("username"));
  } else if (type == "multipart/form-data") {
    // Flask's request.form: the fields, not the files.
    const auto boundary = platform::multipart_boundary(request.header("content-type").value_or(""));
    if (!boundary) throw platform::HttpError(400, "bad_request", "The multipart body has no boundary");
    const auto parts = platform::parse_multipart(request.body, *boundary);
    if (!parts) throw platform::HttpError(400, "bad_request", "The multipart body cannot be read: " + parts.error());
    for (const platform::MultipartPart& part : *parts) {
      if (part.filename) continue;
      if (part.data.find('\0') != std::string_view::npos) {
        throw platform::HttpError(400, "bad_request", "The field " + part.name + " holds a NUL byte");
      }
      if (part.name == "userid") take(input.userid, part.data);
      if (part.name == "username") take(input.username, part.data);
    }
  } else if (type == "application/json") {
    const auto json = platform::parse_json(request.body);
    if (!json || !json->isObject()) {
      throw platform::HttpError(400, "bad_request", "The request body must be a JSON object");
    }
    if (!input.userid) input.userid = json_text(*json, "userid");
    if (!input.username) input.username = json_text(*json, "username");
  }
  return input;
}

std::string missing_values_message(const UserInput& input) {
  return "Please provide userid and username. Got " + input.userid.value_or("None") + " and " +
         input.username.value_or("None");
}

std::optional<int> parse_userid(std::string_view text) {
  const auto value = platform::parse_integer<int>(text);
  if (!value || *value < 1) return std::nullopt;
  return value;
}

platform::Expected<User, std::string> validate_new_user(const UserInput& input) {
  using Problem = platform::Unexpected<std::string>;
  if (!input.userid || input.userid->empty() || !input.username || input.username->empty()) {
    return Problem(missing_values_message(input));
  }
  const auto userid = parse_userid(*input.userid);
  if (!userid) return Problem(kBadUserid);
  const auto length = platform::utf8_length(*input.username);
  if (!length) return Problem("username must be valid UTF-8");
  if (*length > kMaxUsernameLength) {
    return Problem("username must be at most " + std::to_string(kMaxUsernameLength) + " characters");
  }
  return User{*userid, *input.username};
}

}  // namespace users
