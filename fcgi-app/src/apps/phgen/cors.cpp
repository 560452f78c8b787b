#include "apps/phgen/cors.h"

#include <algorithm>
#include <string_view>

namespace phgen {

namespace {

constexpr std::size_t kMaxRequestedHeadersBytes = 1024;

bool is_cors_method(std::string_view method) {
  for (const std::string_view allowed : {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}) {
    if (method == allowed) return true;
  }
  return false;
}

// Header names (RFC 9110 tokens) separated by commas and spaces: the only
// Access-Control-Request-Headers echoed back, so no other byte reaches a
// response header.
bool is_header_name_list(std::string_view text) {
  if (text.empty() || text.size() > kMaxRequestedHeadersBytes) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~, \t").find(c) != std::string_view::npos;
  });
}

}  // namespace

bool is_cors_preflight(const platform::Request& request) {
  return request.method == "OPTIONS" && request.header("origin").has_value() &&
         request.header("access-control-request-method").has_value();
}

platform::Response cors_preflight_response(const platform::Request& request) {
  const std::string_view method = request.header("access-control-request-method").value_or("");
  if (!is_cors_method(method)) {
    throw platform::HttpError(400, "bad_request", "Disallowed CORS method")
        .with_header("Access-Control-Allow-Origin", kAllowAnyOrigin);
  }
  platform::Response response = platform::Response::text(200, "OK", "text/plain; charset=utf-8");
  response.with_header("Access-Control-Allow-Origin", kAllowAnyOrigin)
      .with_header("Access-Control-Allow-Methods", kCorsMethods)
      .with_header("Access-Control-Max-Age", kCorsMaxAgeSeconds);
  const auto requested_headers = request.header("access-control-request-headers");
  if (requested_headers && is_header_name_list(*requested_headers)) {
    response.with_header("Access-Control-Allow-Headers", std::string(*requested_headers));
  }
  return response;
}

platform::Handler cors_preflight_handler(std::string allow) {
  return [allow = std::move(allow)](const platform::Request& request, server::Context&) {
    if (!is_cors_preflight(request)) {
      throw platform::HttpError(405, "method_not_allowed", "OPTIONS is not allowed here; use " + allow)
          .with_header("Allow", allow);
    }
    return cors_preflight_response(request);
  };
}

}  // namespace phgen
