#include "apps/hotsox/request_input.h"

#include "apps/hotsox/fields.h"
#include "platform/json.h"
#include "platform/multipart.h"
#include "platform/python_json.h"
#include "platform/text.h"

namespace hotsox {

namespace {

using platform::HttpError;

HttpError detail(int status, const std::string& text) {
  Json::Value body(Json::objectValue);
  body["detail"] = text;
  return HttpError::with_body(status, body);
}

HttpError picture_error(const std::string& message) {
  FieldErrors errors;
  errors[std::string(kPictureField)].push_back(message);
  return HttpError::with_body(400, field_errors_json(errors));
}

const char* json_type_name(const Json::Value& value) {
  switch (value.type()) {
    case Json::arrayValue: return "list";
    case Json::stringValue: return "str";
    case Json::booleanValue: return "bool";
    case Json::realValue: return "float";
    case Json::nullValue: return "NoneType";
    default: return "int";
  }
}

// DRF's JSONParser: the body through a UTF-8 stream reader (which leaves an
// incomplete last character unread) into json.load with strict constants;
// any ValueError is "JSON parse error - <str(exc)>".
Json::Value json_body(std::string_view body) {
  const auto decoding = platform::python_utf8_decode(body, /*final=*/false);
  if (decoding.error) throw detail(400, "JSON parse error - " + decoding.error->text());
  auto parsed =
      platform::parse_json_like_python(body.substr(0, decoding.complete_bytes), platform::NanLiterals::reject);
  if (parsed.error) throw detail(400, "JSON parse error - " + parsed.error->text());
  // Python takes it, but nothing here could hold it (see PythonJsonBody).
  if (!parsed.value) throw detail(400, "JSON parse error - the body is not valid JSON");
  return std::move(*parsed.value);
}

HttpError unsupported(const std::string& media_type) {
  return detail(415, "Unsupported media type \"" + media_type + "\" in request.");
}

}  // namespace

Json::Value read_body(const platform::Request& request) {
  const std::string media_type = request.media_type();
  Json::Value object(Json::objectValue);
  // DRF does not parse a body of length 0, whatever its media type: no data.
  if (request.body.empty()) return object;
  if (media_type.empty() || media_type == "application/json") {
    Json::Value value = json_body(request.body);
    if (!value.isObject()) {
      Json::Value body(Json::objectValue);
      body["non_field_errors"].append(std::string("Invalid data. Expected a dictionary, but got ") +
                                      json_type_name(value) + ".");
      throw HttpError::with_body(400, body);
    }
    return value;
  }
  if (media_type == "application/x-www-form-urlencoded") {
    const platform::Params form = platform::Params::parse(request.body);
    for (const auto& [name, value] : form.items()) {
      if (!object.isMember(name)) object[name] = value;
    }
    return object;
  }
  if (media_type == "multipart/form-data") {
    const auto boundary = platform::multipart_boundary(request.header("content-type").value_or(""));
    if (!boundary) throw detail(400, "Multipart form parse error - Invalid boundary in multipart");
    auto parsed = platform::parse_multipart(request.body, *boundary);
    if (!parsed) throw detail(400, "Multipart form parse error - " + parsed.error());
    for (const auto& part : *parsed) {
      if (part.filename || object.isMember(part.name)) continue;
      if (!platform::utf8_length(part.data) || part.data.find('\0') != std::string_view::npos) {
        throw detail(400, "Multipart form parse error - field " + part.name + " is not UTF-8 text");
      }
      object[part.name] = std::string(part.data);
    }
    return object;
  }
  throw unsupported(media_type);
}

std::optional<long long> parse_id(std::string_view text) {
  if (text.size() > 18) return std::nullopt;
  const auto value = platform::parse_integer(text);
  if (!value || *value < 1) return std::nullopt;
  return value;
}

PageWindow page_window(const platform::Params& query, long long count) {
  const long long pages = count == 0 ? 1 : (count + kPageSize - 1) / kPageSize;
  PageWindow window;
  if (const auto text = query.last("page")) {  // a repeated name: Django's last value
    if (*text == "last") {
      window.page = pages;
    } else {
      // Django's paginator reads the number with int(): " 2", "+2" and "0_2" are page 2.
      const auto page = platform::parse_python_int(*text);
      if (!page || *page < 1 || *page > pages) throw detail(404, "Invalid page.");
      window.page = *page;
    }
  }
  window.offset = (window.page - 1) * kPageSize;
  return window;
}

std::string absolute_url(const platform::Request& request) {
  const bool https = request.header("x-forwarded-proto") == std::optional<std::string_view>("https");
  const auto host = request.header("host");
  return std::string(https ? "https://" : "http://") + std::string(host && !host->empty() ? *host : "localhost") +
         request.path;
}

Json::Value page_json(const std::string& path, const PageWindow& window, long long count, Json::Value results) {
  Json::Value body(Json::objectValue);
  body["count"] = Json::Int64(count);
  const bool has_next = window.page * kPageSize < count;
  body["next"] = has_next ? Json::Value(path + "?page=" + std::to_string(window.page + 1)) : Json::Value();
  if (window.page == 1) {
    body["previous"] = Json::Value();
  } else if (window.page == 2) {
    body["previous"] = path;  // DRF drops the parameter for the first page
  } else {
    body["previous"] = path + "?page=" + std::to_string(window.page - 1);
  }
  body["results"] = std::move(results);
  return body;
}

PictureUpload read_picture_upload(std::string_view content_type, std::string_view body) {
  const auto header = platform::parse_header_value(content_type);
  const std::string media_type = header ? header->value : std::string(content_type.substr(0, content_type.find(';')));
  if (media_type != "multipart/form-data") throw unsupported(media_type);
  const auto boundary = platform::multipart_boundary(content_type);
  if (!boundary) throw picture_error("The multipart body has no valid boundary.");
  auto parsed = platform::parse_multipart(body, *boundary);
  if (!parsed) throw picture_error("The multipart body is malformed: " + parsed.error() + ".");
  const platform::MultipartPart* file = nullptr;
  bool text_instead = false;
  for (const auto& part : *parsed) {
    if (part.name != kPictureField) continue;
    if (!part.filename) {
      text_instead = true;
      continue;
    }
    file = &part;
    break;
  }
  if (file == nullptr) {
    throw picture_error(text_instead ? "The submitted data was not a file. Check the encoding type on the form."
                                     : "No file was submitted.");
  }
  if (file->data.empty()) throw picture_error("The submitted file is empty.");
  if (file->data.size() > kMaxPictureBytes) {
    throw picture_error("The file is too large: at most 5 MB (" + std::to_string(kMaxPictureBytes) + " bytes).");
  }
  const auto type = sniff_image_type(file->data);
  if (!type) throw picture_error(std::string(kNotAnImage));
  return {file->data, *type};
}

HttpError not_an_image_error() { return picture_error(std::string(kNotAnImage)); }

}  // namespace hotsox
