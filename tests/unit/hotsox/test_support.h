// What the HotSox unit tests share: JSON bodies written as text, and field errors read back.
#pragma once

#include "apps/hotsox/fields.h"
#include "platform/json.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace hotsox::test {

// The JSON value of `text`; the test stops unless it parses.
inline Json::Value parse(const std::string& text) {
  auto value = platform::parse_json(text);
  BOOST_REQUIRE_MESSAGE(value.has_value(), text);
  return *value;
}

// `body` with the members of the object "{extra}" added, or replacing its own.
inline Json::Value with_members(Json::Value body, const std::string& extra) {
  if (extra.empty()) return body;
  const Json::Value more = parse("{" + extra + "}");
  for (const auto& name : more.getMemberNames()) body[name] = more[name];
  return body;
}

// The messages recorded for `name`, joined by " | "; "" when none.
inline std::string messages_of(const FieldErrors& errors, const std::string& name) {
  const auto found = errors.find(name);
  if (found == errors.end()) return "";
  std::string joined;
  for (const auto& message : found->second) joined += (joined.empty() ? "" : " | ") + message;
  return joined;
}

}  // namespace hotsox::test
