// The JSON request readers: parse_json and what each app reads from a body.
#include "apps/github/profile.h"
#include "apps/hello/birthday.h"
#include "apps/users/user_input.h"
#include "platform/json.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto value = platform::parse_json(text)) {
    // Whatever parsed must write back out and parse again.
    if (!platform::parse_json(platform::to_json(*value))) __builtin_trap();
    hello::date_of_birth(*value);
  }
  platform::Request request;
  request.headers = {{"content-type", "application/json"}};
  request.body = text;
  try {
    users::validate_new_user(users::read_user_input(request));
  } catch (const platform::HttpError& error) {
    if (error.status() != 400) __builtin_trap();
  }
  try {
    github::profiles_from_github_json(text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
