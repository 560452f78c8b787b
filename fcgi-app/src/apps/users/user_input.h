// What a create/get request says about a user, and whether it is acceptable. Pure.
#pragma once

#include "platform/expected.h"
#include "platform/http.h"

#include <optional>
#include <string>

namespace users {

// A value as the client sent it; nullopt when it was not sent at all.
struct UserInput {
  std::optional<std::string> userid;
  std::optional<std::string> username;
};

// Each value from the query string, else a form body, else a JSON object body
// (a JSON number is taken as its text). Throws HttpError 400 on a body that
// claims to be JSON and is not.
UserInput read_user_input(const platform::Request& request);

struct User {
  int userid = 0;
  std::string username;
};

inline constexpr std::size_t kMaxUsernameLength = 100;

// The original's wording: a missing value prints as None, an empty one as nothing.
std::string missing_values_message(const UserInput& input);

// A user to create, or the 400 message explaining why not.
platform::Expected<User, std::string> validate_new_user(const UserInput& input);

// 1..2147483647 written as plain decimal digits.
std::optional<int> parse_userid(std::string_view text);
inline constexpr const char* kBadUserid = "userid must be a whole number from 1 to 2147483647";

}  // namespace users
