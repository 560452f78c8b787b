#include "platform/json.h"

#include "platform/text.h"

#include <json/reader.h>
#include <json/writer.h>

#include <algorithm>
#include <memory>
#include <sstream>

namespace platform {

std::string to_json(const Json::Value& value) {
  static const std::unique_ptr<Json::StreamWriter> writer = [] {
    Json::StreamWriterBuilder builder;
    builder["indentation"] = "";
    builder["emitUTF8"] = true;
    return std::unique_ptr<Json::StreamWriter>(builder.newStreamWriter());
  }();
  std::ostringstream out;
  writer->write(value, &out);
  return std::move(out).str();
}

namespace {

// RFC 8259: control characters appear in JSON text only as whitespace (tab,
// line feed, carriage return); inside strings they must be escaped.
bool has_raw_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
}

// An escaped \u0000 is valid JSON, but no text here may hold a NUL: PostgreSQL
// cannot store one and libpq would cut the value at it.
bool has_nul_in_strings(const Json::Value& value) {
  if (value.isString()) {
    const char* begin = nullptr;
    const char* end = nullptr;
    value.getString(&begin, &end);
    return std::find(begin, end, '\0') != end;
  }
  if (value.isObject()) {
    for (const auto& name : value.getMemberNames()) {
      if (name.find('\0') != std::string::npos || has_nul_in_strings(value[name])) return true;
    }
  }
  if (value.isArray()) {
    for (const auto& item : value) {
      if (has_nul_in_strings(item)) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Json::Value> parse_json(std::string_view text) {
  if (!utf8_length(text) || has_raw_control_characters(text)) return std::nullopt;
  static const std::unique_ptr<Json::CharReader> reader = [] {
    Json::CharReaderBuilder builder;
    Json::CharReaderBuilder::strictMode(&builder.settings_);
    builder["rejectDupKeys"] = false;
    builder["stackLimit"] = kMaxJsonDepth;
    return std::unique_ptr<Json::CharReader>(builder.newCharReader());
  }();
  Json::Value value;
  std::string errors;
  try {
    if (!reader->parse(text.data(), text.data() + text.size(), &value, &errors)) return std::nullopt;
  } catch (const std::exception&) {  // jsoncpp throws when stackLimit is exceeded
    return std::nullopt;
  }
  if (has_nul_in_strings(value)) return std::nullopt;
  return value;
}

}  // namespace platform
