// JSON in and out through jsoncpp, with the limits a public service needs.
#pragma once

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>

namespace platform {

// Compact UTF-8 JSON (no \u escapes for non-ASCII letters). Always valid
// UTF-8: a value holding invalid bytes is written with \u escapes, each
// invalid byte as U+FFFD.
std::string to_json(const Json::Value& value);

// Strict JSON: no comments, no trailing garbage, nesting at most kMaxJsonDepth,
// valid UTF-8 only, no raw control characters, no NUL in any string (not even
// escaped), no lone surrogate escape ("\udc00": no string decodes to bytes that
// are not UTF-8). Returns nullopt on any violation.
inline constexpr int kMaxJsonDepth = 64;
std::optional<Json::Value> parse_json(std::string_view text);

}  // namespace platform
