#include "platform/json.h"

#include "platform/text.h"

#include <json/reader.h>
#include <json/writer.h>

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

std::optional<Json::Value> parse_json(std::string_view text) {
  if (!utf8_length(text)) return std::nullopt;
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
  return value;
}

}  // namespace platform
