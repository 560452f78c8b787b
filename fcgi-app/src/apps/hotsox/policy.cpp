#include "apps/hotsox/policy.h"

#include "apps/hotsox/auth.h"

#include <stdexcept>

namespace hotsox {

namespace {

bool names_a_user(Policy policy) { return policy == Policy::kUser || policy == Policy::kStaff; }

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

Principal Caller::admit(const std::optional<Principal>& account) const {
  return admitted_ ? *admitted_ : principal_of_claims(*claims_, account);
}

Caller claim_caller(const platform::Request& request, server::Context& context) {
  if (auto claims = verified_access_claims(request, context)) return Caller::claimed(*claims);
  return Caller::admitted(require_user(request, context));
}

namespace policy_detail {

void check_policy(Takes takes, Policy policy, const std::string& method, const std::string& pattern) {
  if (takes == Takes::kPrincipal && !names_a_user(policy)) {
    throw std::invalid_argument("a handler of a caller needs a user's policy: " + method + " " + pattern);
  }
  if (takes == Takes::kCaller && policy != Policy::kUser) {
    throw std::invalid_argument("a handler of a claimed caller needs kUser: " + method + " " + pattern);
  }
}

platform::AccessCheck access_check(Policy policy) {
  if (policy == Policy::kPublic) return {};
  return [policy](const platform::Request& request, server::Context& context) { admit(policy, request, context); };
}

}  // namespace policy_detail

}  // namespace hotsox
