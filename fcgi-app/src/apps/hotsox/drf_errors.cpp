#include "apps/hotsox/drf_errors.h"

#include "platform/errors.h"

namespace hotsox {

namespace {

namespace code = platform::error_code;

std::string drf_text(const platform::HttpError& error, const platform::Request& request) {
  if (error.code() == code::kNotFound) return "Not found.";
  if (error.code() == code::kMethodNotAllowed) return "Method \"" + request.method + "\" not allowed.";
  if (error.code() == code::kUnsupportedMediaType) {
    return "Unsupported media type \"" + request.media_type() + "\" in request.";
  }
  if (error.code() == code::kInternalError) return "A server error occurred.";
  return error.message();
}

}  // namespace

platform::Response drf_error(const platform::HttpError& error, const platform::Request& request) {
  Json::Value body(Json::objectValue);
  body["detail"] = drf_text(error, request);
  return platform::error_response(error, body);
}

}  // namespace hotsox
