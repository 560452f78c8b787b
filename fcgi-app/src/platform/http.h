// Transport-neutral HTTP request and response types.
#pragma once

#include <json/value.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platform {

using NameValue = std::pair<std::string, std::string>;

// Query or form parameters in arrival order; repeated names are kept.
class Params {
 public:
  Params() = default;
  explicit Params(std::vector<NameValue> items) : items_(std::move(items)) {}

  // Parses application/x-www-form-urlencoded text ("a=1&b=%20x").
  // Throws HttpError 400 on malformed percent-encoding, values that are not
  // UTF-8, and a NUL (raw or %00) anywhere.
  static Params parse(std::string_view encoded);

  // The first value given for `name`, if any (as Flask reads a repeated name).
  std::optional<std::string_view> get(std::string_view name) const;
  // The last value given for `name`, if any (as Django's QueryDict and
  // Starlette read a repeated name).
  std::optional<std::string_view> last(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<NameValue>& items() const { return items_; }

 private:
  std::vector<NameValue> items_;
};

struct Request {
  // Filled by the transport.
  std::string method;
  std::string target;              // raw request target: path and query, still percent-encoded
  std::vector<NameValue> headers;  // lower-case names
  std::string body;
  bool body_too_large = false;  // the body exceeded the route's limit and was not read
  std::string remote_addr;
  std::string request_id;

  // Filled by the dispatcher before the handler runs.
  std::string path;  // decoded path
  Params query;
  std::vector<NameValue> path_params;

  std::optional<std::string_view> header(std::string_view lower_case_name) const;
  // The value of a `{name}` segment of the matched route; empty when absent.
  const std::string& param(std::string_view name) const;
  // The value of a `{name:int}` segment, which the router matched only to a
  // whole number. Throws std::logic_error for a name the route has not typed so.
  long long int_param(std::string_view name) const;
  // The media type of Content-Type without parameters, lower-cased.
  std::string media_type() const;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::vector<NameValue> headers;
  std::string body;

  static Response json(int status, const Json::Value& value);
  static Response no_content(int status = 204);
  static Response text(int status, std::string body, std::string content_type);

  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// A client mistake (4xx) or a refusal, turned into the app's JSON error shape
// by the dispatcher. `code` is a machine-readable word such as "not_found".
class HttpError : public std::exception {
 public:
  HttpError(int status, std::string code, std::string message)
      : status_(status), code_(std::move(code)), message_(std::move(message)) {}

  // For apps whose contract fixes the whole error body ({"error": "..."} or
  // DRF-style field errors): the body is sent as it is.
  static HttpError with_body(int status, Json::Value body);

  HttpError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::optional<Json::Value>& body() const { return body_; }
  const std::vector<NameValue>& headers() const { return headers_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  int status_;
  std::string code_;
  std::string message_;
  std::optional<Json::Value> body_;
  std::vector<NameValue> headers_;
};

// Decodes %XX escapes; with `plus_is_space` also '+' (form encoding).
// Returns nullopt on a truncated or non-hex escape, and on %00.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Splits "/a/b%20c/" into decoded segments {"a", "b c", ""}; nullopt on bad
// encoding. A segment's text is its route's to validate (Hello answers its own
// message for a name that is not UTF-8).
std::optional<std::vector<std::string>> split_path(std::string_view path);

std::string_view status_reason(int status);

}  // namespace platform
