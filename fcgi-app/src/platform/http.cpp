#include "platform/http.h"

#include "platform/json.h"
#include "platform/text.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace platform {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      // %00 is refused: nothing here means a NUL, and PostgreSQL cannot store one
      // (libpq would silently cut the value at it).
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::vector<std::string>> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view raw =
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    auto decoded = percent_decode(raw, false);
    if (!decoded) return std::nullopt;
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

Params Params::parse(std::string_view encoded) {
  std::vector<NameValue> items;
  std::size_t start = 0;
  while (start <= encoded.size()) {
    std::size_t amp = encoded.find('&', start);
    if (amp == std::string_view::npos) amp = encoded.size();
    const std::string_view pair = encoded.substr(start, amp - start);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      auto name = percent_decode(pair.substr(0, eq), true);
      auto value =
          eq == std::string_view::npos ? std::optional<std::string>{""} : percent_decode(pair.substr(eq + 1), true);
      if (!name || !value) {
        throw HttpError(400, "bad_request", "Malformed percent-encoding in parameters");
      }
      // Every parameter is text: bytes that are not UTF-8 never reach a handler
      // (PostgreSQL would refuse them mid-query).
      if (!utf8_length(*name) || !utf8_length(*value)) {
        throw HttpError(400, "bad_request", "Parameters must be valid UTF-8");
      }
      // A raw NUL byte is valid UTF-8 but, like %00, no text here may hold one:
      // libpq sends a parameter as a C string, so PostgreSQL would store only the
      // part before it while the answer echoed the whole value.
      if (name->find('\0') != std::string::npos || value->find('\0') != std::string::npos) {
        throw HttpError(400, "bad_request", "Parameters must not contain NUL characters");
      }
      items.emplace_back(std::move(*name), std::move(*value));
    }
    start = amp + 1;
  }
  return Params(std::move(items));
}

std::optional<std::string_view> Params::get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Params::last(std::string_view name) const {
  const auto item =
      std::find_if(items_.rbegin(), items_.rend(), [&](const NameValue& each) { return each.first == name; });
  if (item == items_.rend()) return std::nullopt;
  return std::string_view(item->second);
}

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return std::string_view(value);
  }
  return std::nullopt;
}

const std::string& Request::param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return kEmpty;
}

long long Request::int_param(std::string_view name) const {
  const auto value = parse_integer(param(name));
  if (!value) throw std::logic_error("no whole-number path parameter " + std::string(name));
  return *value;
}

std::string Request::media_type() const {
  const std::string_view full = header("content-type").value_or("");
  std::string type(full.substr(0, full.find(';')));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

Response Response::json(int status, const Json::Value& value) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = to_json(value);
  return response;
}

Response Response::no_content(int status) {
  Response response;
  response.status = status;
  return response;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

HttpError HttpError::with_body(int status, Json::Value body) {
  HttpError error(status, "", "");
  error.body_ = std::move(body);
  return error;
}

std::string_view status_reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 208: return "Already Reported";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

}  // namespace platform
