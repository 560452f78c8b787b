#include "apps/hotsox_fastapi/endpoint.h"

#include "apps/hotsox/settings.h"

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
std::optional<FastapiClaims> authenticate(const platform::Request& request, server::Context& context, Access access) {
  if (access == Access::kOpen) return std::nullopt;
  const auto token = platform::bearer_token(request);
  if (!token) throw unauthorized("Not authenticated");
  auto claims =
      verify_fastapi_token(*token, fastapi_signing_key(context.state<hotsox::Settings>().jwt_secret), now_seconds());
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

Call::Call(const platform::Request& request, server::Context& context, std::optional<FastapiClaims> caller,
           const RouteRules& rules)
    : request(request), context(context), caller_(std::move(caller)), rules_(rules) {
  for (const std::string& name : rules.int_params) {
    if (const auto value = path_int(request, name, problems)) int_params_.emplace_back(name, *value);
  }
}

long long Call::int_param(std::string_view name) const {
  for (const auto& [key, value] : int_params_) {
    if (key == name && admitted_) return value;
  }
  throw std::logic_error("no admitted {" + std::string(name) + ":int} segment on " + rules_.limit_key);
}

const FastapiClaims& Call::caller() const {
  if (!caller_) throw std::logic_error("a route without authentication asked for its caller");
  return *caller_;
}

void Call::admit() {
  problems.throw_if_any();
  admitted_ = true;
  const int per_minute = rules_.policy.per_minute;
  if (per_minute <= 0) return;
  const std::string key = rate_limit_key(rules_.limit_key, request.remote_addr, now_seconds());
  if (context.cache.increment_with_ttl(key, std::chrono::seconds(kWindowSeconds)) > per_minute) {
    Json::Value body(Json::objectValue);
    body["error"] = "Rate limit exceeded: " + std::to_string(per_minute) + " per 1 minute";
    throw platform::HttpError::with_body(429, body);
  }
}

namespace {

// The route's rules from its pattern: the router gets the pattern with its
// segments untyped, so that pydantic's 422 rather than a 404 answers "abc".
RouteRules rules_of(const std::string& method, std::string& pattern, Policy policy) {
  RouteRules rules{policy, method + " " + platform::path_template(pattern), platform::int_parameter_names(pattern)};
  pattern = platform::path_template(pattern);
  return rules;
}

// The route's policy, declared to the platform as every route's is. (The app
// does not ask for it before a 405: Starlette answers one before any dependency.)
platform::AccessCheck access_check(Access access) {
  if (access == Access::kOpen) return {};
  return
      [access](const platform::Request& request, server::Context& context) { authenticate(request, context, access); };
}

platform::Task<platform::Response> run_awaiting(const platform::Request& request, server::Context& context,
                                                const RouteRules& rules, const AsyncEndpoint& endpoint) {
  Call call(request, context, authenticate(request, context, rules.policy.access), rules);
  platform::Response response = co_await endpoint(call);
  if (!call.admitted()) throw std::logic_error("FastAPI handler did not admit its request: " + rules.limit_key);
  co_return response;
}

}  // namespace

platform::Route route(std::string method, std::string pattern, Policy policy, Endpoint endpoint,
                      std::size_t max_body_bytes) {
  RouteRules rules = rules_of(method, pattern, policy);
  platform::Handler handler = [rules = std::move(rules), endpoint = std::move(endpoint)](
                                  const platform::Request& request, server::Context& context) {
    Call call(request, context, authenticate(request, context, rules.policy.access), rules);
    platform::Response response = endpoint(call);
    // A handler that never admitted its request would slip past the limit.
    if (!call.admitted()) throw std::logic_error("FastAPI handler did not admit its request: " + rules.limit_key);
    return response;
  };
  return {std::move(method), std::move(pattern), std::move(handler), max_body_bytes, access_check(policy.access)};
}

platform::Route route(std::string method, std::string pattern, Policy policy, AsyncEndpoint endpoint,
                      std::size_t max_body_bytes) {
  RouteRules rules = rules_of(method, pattern, policy);
  // Not a coroutine itself: the closure (its endpoint and rules) lives in the
  // route table for the life of the process, so run_awaiting may refer to them.
  platform::AsyncHandler handler = [rules = std::move(rules), endpoint = std::move(endpoint)](
                                       const platform::Request& request, server::Context& context) {
    return run_awaiting(request, context, rules, endpoint);
  };
  return {std::move(method), std::move(pattern), std::move(handler), max_body_bytes, access_check(policy.access)};
}

}  // namespace hotsox_fastapi
