// CORS for PhGen's two public endpoints, as the original's FastAPI
// CORSMiddleware answered it (allow_origins, allow_methods and allow_headers
// all "*", no credentials): the original front end, served from anywhere,
// calls them. The other apps stay same-origin. Pure.
#pragma once

#include "platform/http.h"
#include "platform/router.h"
#include "server/context.h"

#include <string>

namespace phgen {

// Every answer of the public endpoints carries it; "*" never goes with credentials.
inline constexpr const char* kAllowAnyOrigin = "*";
// Starlette's ALL_METHODS, what allow_methods=["*"] answers a preflight with.
inline constexpr const char* kCorsMethods = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
inline constexpr const char* kCorsMaxAgeSeconds = "600";

// An OPTIONS request is a preflight when it names an Origin and the method it
// asks for (Access-Control-Request-Method); any other OPTIONS is a plain one.
bool is_cors_preflight(const platform::Request& request);

// The answer to a preflight: 200 "OK" with the Access-Control-Allow-* headers;
// the requested headers are allowed as asked (when they are a list of header
// names). Throws HttpError 400 for a requested method no one allows.
platform::Response cors_preflight_response(const platform::Request& request);

// The OPTIONS handler of a public endpoint whose other methods are `allow`
// ("GET, POST"): the preflight's answer, or 405 with Allow for a plain OPTIONS.
platform::Handler cors_preflight_handler(std::string allow);

}  // namespace phgen
