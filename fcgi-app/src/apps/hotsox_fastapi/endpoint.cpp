#include "apps/hotsox_fastapi/endpoint.h"

#include "platform/admin_auth.h"
#include "platform/errors.h"
#include "store/keydb.h"

#include <chrono>
#include <stdexcept>

namespace hotsox_fastapi {

namespace {

namespace code = platform::error_code;

constexpr long long kWindowSeconds = 60;

std::string fastapi_text(const platform::HttpError& error) {
  if (error.code() == code::kNotFound) return "Not Found";
  if (error.code() == code::kMethodNotAllowed) return "Method Not Allowed";
  if (error.code() == code::kInternalError) return "Internal Server Error";
  return error.message();
}

platform::HttpError unauthorized(std::string message) {
  return detail(401, std::move(message)).with_header("WWW-Authenticate", "Bearer");
}

// FastAPI's OAuth2PasswordBearer and the original's get_current_user checks.
std::optional<FastapiClaims> authenticate(const platform::Request& request, platform::Context& context, Access access) {
  if (access == Access::kOpen) return std::nullopt;
  const auto token = platform::bearer_token(request);
  if (!token) throw unauthorized("Not authenticated");
  auto claims = verify_fastapi_token(*token, fastapi_signing_key(context.config.jwt_secret), now_seconds());
  if (!claims) throw unauthorized("Could not validate credentials");
  if (access == Access::kToken) return claims;
  if (!claims->active) throw unauthorized("Please activate your account first");
  if (access == Access::kSuperuser && !claims->superuser) {
    throw detail(403, "Access Denied: You do not have sufficient permissions to access this endpoint")
        .with_header("WWW-Authenticate", "Bearer");
  }
  return claims;
}

}  // namespace

platform::Response fastapi_error(const platform::HttpError& error, const platform::Request&) {
  Json::Value body(Json::objectValue);
  body["detail"] = fastapi_text(error);
  return platform::error_response(error, body);
}

platform::HttpError detail(int status, std::string message) {
  return platform::HttpError(status, "detail", std::move(message));
}

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string rate_limit_key(std::string_view route, std::string_view client, long long now) {
  return "hotsox:fastapi:limit:" + std::string(route) + ":" + std::string(client.empty() ? "unknown" : client) + ":" +
         std::to_string(now / kWindowSeconds);
}

const FastapiClaims& Call::caller() const {
  if (!caller_) throw std::logic_error("a route without authentication asked for its caller");
  return *caller_;
}

void Call::admit() {
  problems.throw_if_any();
  admitted_ = true;
  if (per_minute_ <= 0) return;
  const std::string key = rate_limit_key(limit_key_, request.remote_addr, now_seconds());
  if (context.cache.increment_with_ttl(key, std::chrono::seconds(kWindowSeconds)) > per_minute_) {
    Json::Value body(Json::objectValue);
    body["error"] = "Rate limit exceeded: " + std::to_string(per_minute_) + " per 1 minute";
    throw platform::HttpError::with_body(429, body);
  }
}

namespace {

platform::Task<platform::Response> run_awaiting(const platform::Request& request, platform::Context& context,
                                                Policy policy, const AsyncEndpoint& endpoint,
                                                const std::string& limit_key) {
  Call call(request, context, authenticate(request, context, policy.access), limit_key, policy.per_minute);
  platform::Response response = co_await endpoint(call);
  if (!call.admitted()) throw std::logic_error("FastAPI handler did not admit its request: " + limit_key);
  co_return response;
}

}  // namespace

platform::Route route(std::string method, std::string pattern, Policy policy, Endpoint endpoint,
                      std::size_t max_body_bytes) {
  std::string limit_key = method + " " + pattern;
  platform::Handler handler = [policy, endpoint = std::move(endpoint), limit_key](const platform::Request& request,
                                                                                  platform::Context& context) {
    Call call(request, context, authenticate(request, context, policy.access), limit_key, policy.per_minute);
    platform::Response response = endpoint(call);
    // A handler that never admitted its request would slip past the limit.
    if (!call.admitted()) throw std::logic_error("FastAPI handler did not admit its request: " + limit_key);
    return response;
  };
  return {std::move(method), std::move(pattern), std::move(handler), max_body_bytes};
}

platform::Route route(std::string method, std::string pattern, Policy policy, AsyncEndpoint endpoint,
                      std::size_t max_body_bytes) {
  std::string limit_key = method + " " + pattern;
  // Not a coroutine itself: the closure (its endpoint and key) lives in the
  // route table for the life of the process, so run_awaiting may refer to them.
  platform::AsyncHandler handler = [policy, endpoint = std::move(endpoint), limit_key](const platform::Request& request,
                                                                                       platform::Context& context) {
    return run_awaiting(request, context, policy, endpoint, limit_key);
  };
  return {std::move(method), std::move(pattern), std::move(handler), max_body_bytes};
}

}  // namespace hotsox_fastapi
