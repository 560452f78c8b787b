// How errors look on the wire. Handlers and the platform say *what* went
// wrong (an HttpError with a status, a code from the list below and a
// message); the app that owns the route says *how it looks*, through the
// ErrorFormatter in its App (router.h). The platform's own refusals on an
// app's routes (404, 405, 413, 503, 500, ...) go through the same formatter.
#pragma once

#include "platform/http.h"

#include <functional>
#include <string_view>

namespace platform {

// The codes the platform itself raises; a formatter may give each its own text.
namespace error_code {
inline constexpr std::string_view kBadRequest = "bad_request";  // bad encoding in the path or query
inline constexpr std::string_view kNotFound = "not_found";
inline constexpr std::string_view kMethodNotAllowed = "method_not_allowed";
inline constexpr std::string_view kPayloadTooLarge = "payload_too_large";
inline constexpr std::string_view kUnsupportedMediaType = "unsupported_media_type";
inline constexpr std::string_view kTooManyRequests = "too_many_requests";
inline constexpr std::string_view kDatabaseUnavailable = "database_unavailable";
inline constexpr std::string_view kCacheUnavailable = "cache_unavailable";
inline constexpr std::string_view kInternalError = "internal_error";
}  // namespace error_code

using ErrorFormatter = std::function<Response(const HttpError& error, const Request& request)>;

// The response for `error` in the shape `body_of` gives, with the error's
// own headers; an error that carries a fixed body (HttpError::with_body) is
// sent as it is.
Response error_response(const HttpError& error, const Json::Value& body);

// {"error": "<code>", "message": "..."}: the default, and the shape of every
// path that belongs to no app.
Response error_and_message(const HttpError& error, const Request& request);
// {"message": "..."}.
Response message_only(const HttpError& error, const Request& request);

}  // namespace platform
