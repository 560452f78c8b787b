#include "platform/json.h"

#include "platform/text.h"

#include <json/reader.h>
#include <json/writer.h>

#include <algorithm>
#include <memory>
#include <sstream>

namespace platform {

namespace {

// jsoncpp's compact writer with every non-ASCII character \u-escaped.
std::unique_ptr<Json::StreamWriter> escaping_writer() {
  Json::StreamWriterBuilder builder;
  builder["indentation"] = "";
  builder["emitUTF8"] = false;
  return std::unique_ptr<Json::StreamWriter>(builder.newStreamWriter());
}

std::string write_json(Json::StreamWriter& writer, const Json::Value& value) {
  std::ostringstream out;
  writer.write(value, &out);
  return std::move(out).str();
}

// A string as jsoncpp's compact writer quotes it with emitUTF8: the bytes as
// they are but for the quote, the backslash and control characters.
void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_json(std::string& out, const Json::Value& value) {
  switch (value.type()) {
    case Json::nullValue: out += "null"; break;
    case Json::intValue: out += Json::valueToString(value.asLargestInt()); break;
    case Json::uintValue: out += Json::valueToString(value.asLargestUInt()); break;
    case Json::realValue: out += Json::valueToString(value.asDouble()); break;
    case Json::booleanValue: out += value.asBool() ? "true" : "false"; break;
    case Json::stringValue: {
      const char* begin = nullptr;
      const char* end = nullptr;
      value.getString(&begin, &end);
      append_quoted(out, std::string_view(begin, static_cast<std::size_t>(end - begin)));
      break;
    }
    case Json::arrayValue:
      out += '[';
      for (Json::ArrayIndex i = 0; i < value.size(); ++i) {
        if (i > 0) out += ',';
        append_json(out, value[i]);
      }
      out += ']';
      break;
    case Json::objectValue:
      out += '{';
      for (auto member = value.begin(); member != value.end(); ++member) {
        if (member != value.begin()) out += ',';
        append_quoted(out, member.name());
        out += ':';
        append_json(out, *member);
      }
      out += '}';
      break;
  }
}

}  // namespace

std::string to_json(const Json::Value& value) {
  // Written straight into one string, the bytes jsoncpp's compact UTF-8 writer
  // writes (json_test.cpp compares them): jsoncpp's goes through an
  // ostringstream, and took a fifth of a worker's CPU on answers of 25 GitHub
  // profiles. It copies a string's bytes as they are, valid or not; a string
  // that is not UTF-8 (a header or path echoed into an error message) must
  // never make an answer that is not UTF-8: jsoncpp's escaping writer turns
  // every non-ASCII character into \u escapes and an invalid byte into U+FFFD.
  std::string text;
  append_json(text, value);
  if (utf8_length(text)) return text;
  // One writer (and reader, below) per thread: jsoncpp's keep their state
  // in themselves, and transactions build answers off the loop's thread.
  thread_local const std::unique_ptr<Json::StreamWriter> writer = escaping_writer();
  return write_json(*writer, value);
}

namespace {

// RFC 8259: control characters appear in JSON text only as whitespace (tab,
// line feed, carriage return); inside strings they must be escaped.
bool has_raw_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
}

// What a string may hold once jsoncpp has decoded its escapes: valid UTF-8
// without NUL. An escaped \u0000 is valid JSON, but no text here may hold a NUL:
// PostgreSQL cannot store one and libpq would cut the value at it. And jsoncpp
// decodes a lone surrogate escape ("\udc00") into the three bytes of the
// surrogate, which are not UTF-8: PostgreSQL would refuse them mid-query and an
// error message echoing them would not be UTF-8 either.
bool is_clean_text(std::string_view text) {
  return text.find('\0') == std::string_view::npos && utf8_length(text).has_value();
}

bool has_unclean_strings(const Json::Value& value) {
  if (value.isString()) {
    const char* begin = nullptr;
    const char* end = nullptr;
    value.getString(&begin, &end);
    return !is_clean_text(std::string_view(begin, static_cast<std::size_t>(end - begin)));
  }
  if (value.isObject()) {
    for (const auto& name : value.getMemberNames()) {
      if (!is_clean_text(name) || has_unclean_strings(value[name])) return true;
    }
  }
  if (value.isArray()) {
    for (const auto& item : value) {
      if (has_unclean_strings(item)) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Json::Value> parse_json(std::string_view text) {
  if (!utf8_length(text) || has_raw_control_characters(text)) return std::nullopt;
  thread_local const std::unique_ptr<Json::CharReader> reader = [] {
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
  if (has_unclean_strings(value)) return std::nullopt;
  return value;
}

}  // namespace platform
