// JSON in and out through jsoncpp, with the limits a public service needs.
#pragma once

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>

namespace platform {

// Compact UTF-8 JSON (no \u escapes for non-ASCII letters).
std::string to_json(const Json::Value& value);

// Strict JSON: no comments, no trailing garbage, nesting at most kMaxJsonDepth,
// valid UTF-8 only, no raw control characters, no NUL in any string (not even
// escaped). Returns nullopt on any violation.
inline constexpr int kMaxJsonDepth = 64;
std::optional<Json::Value> parse_json(std::string_view text);

}  // namespace platform
