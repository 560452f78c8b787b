#include "apps/hotsox/policy.h"

#include "apps/hotsox/auth.h"

#include <stdexcept>
#include <utility>

namespace hotsox {

namespace {

bool names_a_user(Policy policy) { return policy == Policy::kUser || policy == Policy::kStaff; }

// What the dispatcher runs before a 405 (the App asks for it): the policy alone.
platform::AccessCheck access_check(Policy policy) {
  if (policy == Policy::kPublic) return {};
  return [policy](const platform::Request& request, server::Context& context) { admit(policy, request, context); };
}

void require_user_policy(Policy policy, const std::string& method, const std::string& pattern) {
  if (!names_a_user(policy)) {
    throw std::invalid_argument("a handler of a caller needs a user's policy: " + method + " " + pattern);
  }
}

}  // namespace

std::optional<Principal> admit(Policy policy, const platform::Request& request, server::Context& context) {
  switch (policy) {
    case Policy::kPublic: return std::nullopt;
    case Policy::kAnyone: authenticate(request, context); return std::nullopt;
    case Policy::kUser: return require_user(request, context);
    case Policy::kStaff: return require_staff(request, context);
  }
  throw std::logic_error("unknown policy");
}

platform::Route route(std::string method, std::string pattern, Policy policy, platform::Handler handler,
                      std::size_t max_body_bytes) {
  platform::Handler admitted = [policy, handler = std::move(handler)](const platform::Request& request,
                                                                      server::Context& context) {
    admit(policy, request, context);
    return handler(request, context);
  };
  return {std::move(method), std::move(pattern), std::move(admitted), max_body_bytes, access_check(policy)};
}

platform::Route route(std::string method, std::string pattern, Policy policy, platform::AsyncHandler handler,
                      std::size_t max_body_bytes) {
  // Not a coroutine itself: the handler's coroutine refers only to the
  // request and context, which outlive it.
  platform::AsyncHandler admitted = [policy, handler = std::move(handler)](const platform::Request& request,
                                                                           server::Context& context) {
    admit(policy, request, context);
    return handler(request, context);
  };
  return {std::move(method), std::move(pattern), std::move(admitted), max_body_bytes, access_check(policy)};
}

platform::Route route(std::string method, std::string pattern, Policy policy, UserHandler handler,
                      std::size_t max_body_bytes) {
  require_user_policy(policy, method, pattern);
  platform::Handler admitted = [policy, handler = std::move(handler)](const platform::Request& request,
                                                                      server::Context& context) {
    return handler(request, context, *admit(policy, request, context));
  };
  return {std::move(method), std::move(pattern), std::move(admitted), max_body_bytes, access_check(policy)};
}

platform::Route route(std::string method, std::string pattern, Policy policy, AsyncUserHandler handler,
                      std::size_t max_body_bytes) {
  require_user_policy(policy, method, pattern);
  // The caller is passed by value: the handler's coroutine keeps its own copy.
  platform::AsyncHandler admitted = [policy, handler = std::move(handler)](const platform::Request& request,
                                                                           server::Context& context) {
    return handler(request, context, *admit(policy, request, context));
  };
  return {std::move(method), std::move(pattern), std::move(admitted), max_body_bytes, access_check(policy)};
}

Principal Caller::admit(const std::optional<Principal>& account) const {
  return admitted_ ? *admitted_ : principal_of_claims(*claims_, account);
}

platform::Route route(std::string method, std::string pattern, Policy policy, CallerHandler handler,
                      std::size_t max_body_bytes) {
  if (policy != Policy::kUser) throw std::invalid_argument("a handler of a claimed caller needs kUser: " + pattern);
  platform::Handler admitted = [handler = std::move(handler)](const platform::Request& request,
                                                              server::Context& context) {
    if (auto claims = verified_access_claims(request, context))
      return handler(request, context, Caller::claimed(*claims));
    return handler(request, context, Caller::admitted(require_user(request, context)));
  };
  return {std::move(method), std::move(pattern), std::move(admitted), max_body_bytes, access_check(policy)};
}

}  // namespace hotsox
