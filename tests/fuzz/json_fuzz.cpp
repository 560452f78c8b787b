// The JSON request readers: parse_json and what each app reads from a body.
#include "apps/github/profile.h"
#include "apps/hello/birthday.h"
#include "apps/users/user_input.h"
#include "platform/json.h"
#include "platform/python_json.h"

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
  // Python's errors: always an answer, within the text, never both a value and an error.
  const auto decoding = platform::python_utf8_decode(text, /*final=*/false);
  if (decoding.complete_bytes > text.size()) __builtin_trap();
  if (decoding.error && (decoding.error->start >= decoding.error->end || decoding.error->end > text.size())) {
    __builtin_trap();
  }
  for (const auto nan : {platform::NanLiterals::accept, platform::NanLiterals::reject}) {
    const auto parsed = platform::parse_json_like_python(text, nan);
    if (parsed.value && parsed.error) __builtin_trap();
    if (parsed.error && parsed.error->positioned &&
        (parsed.error->pos > text.size() || parsed.error->lineno < 1 || parsed.error->colno < 1)) {
      __builtin_trap();
    }
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
