// Hello's rules: who may have a birthday, which dates count, how far away the
// next one is. Pure.
#pragma once

#include "platform/calendar.h"

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>

namespace hello {

inline constexpr std::size_t kMaxUsernameLength = 50;
inline constexpr const char* kUsernameNotValid = "Error! Username not valid!";
inline constexpr const char* kPayloadRequired =
    "Error! Request payload and Content-Type: application/json header are required";
inline constexpr const char* kDateIncorrect = "Error! The date provided is incorrect. It should be YYYY-MM-DD";
inline constexpr const char* kDateInFuture = "Error! Date of birth provided is in the future!";

// 1 to 50 Unicode letters (José, Zoë and Łukasz are; a1, a_b and "a b" are not).
bool is_valid_username(std::string_view username);

// The "dateOfBirth" of a JSON object body, when it is a real date written
// strictly as YYYY-MM-DD.
std::optional<platform::Date> date_of_birth(const Json::Value& body);

// Days from `today` to the next birthday (0 when it is today). A 29 February
// birthday falls on 28 February in years without one.
int days_until_birthday(const platform::Date& birth, const platform::Date& today);

// "Hello, Ann! Happy Birthday!" or "Hello, Ann! Your birthday is in 5 day(s)".
std::string greeting(std::string_view username, int days);

}  // namespace hello
