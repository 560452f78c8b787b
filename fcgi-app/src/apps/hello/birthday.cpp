#include "apps/hello/birthday.h"

#include "platform/text.h"

namespace hello {

bool is_valid_username(std::string_view username) {
  const auto code_points = platform::decode_utf8(username);
  if (!code_points || code_points->empty() || code_points->size() > kMaxUsernameLength) return false;
  for (char32_t c : *code_points) {
    if (!platform::is_unicode_letter(c)) return false;
  }
  return true;
}

std::optional<platform::Date> date_of_birth(const Json::Value& body) {
  if (!body.isObject() || !body.isMember("dateOfBirth") || !body["dateOfBirth"].isString()) return std::nullopt;
  return platform::parse_iso_date(body["dateOfBirth"].asString());
}

int days_until_birthday(const platform::Date& birth, const platform::Date& today) {
  auto birthday_in = [&](int year) {
    platform::Date date{year, birth.month, birth.day};
    if (date.month == 2 && date.day == 29 && !platform::is_leap_year(year)) date.day = 28;
    return date;
  };
  const long long now = platform::days_from_civil(today);
  long long next = platform::days_from_civil(birthday_in(today.year));
  if (next < now) next = platform::days_from_civil(birthday_in(today.year + 1));
  return static_cast<int>(next - now);
}

std::string greeting(std::string_view username, int days) {
  std::string text = "Hello, " + std::string(username) + "! ";
  if (days == 0) return text + "Happy Birthday!";
  return text + "Your birthday is in " + std::to_string(days) + " day(s)";
}

}  // namespace hello
