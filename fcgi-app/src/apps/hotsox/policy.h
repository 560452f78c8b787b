// Who may call a DRF route: each route in the table (routes.cpp) declares
// its policy, as the original's views declared their authentication and
// permission classes, and a handler behind a user's policy receives the
// caller instead of checking for one.
#pragma once

#include "apps/hotsox/jwt.h"
#include "apps/hotsox/store.h"
#include "platform/http.h"
#include "platform/router.h"
#include "platform/task.h"
#include "server/context.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace hotsox {

enum class Policy {
  kPublic,  // no authentication at all: the token views (authentication_classes = ())
  kAnyone,  // anonymous callers welcome, but credentials sent must be valid (AllowAny)
  kUser,    // IsAuthenticated: 401 without valid credentials
  kStaff,   // IsAdminUser: 401 as kUser, then 403 unless the account is staff
};

// Applies `policy` to the request: throws DRF's 401/403 for a caller it
// refuses; the caller for kUser and kStaff, nullopt otherwise.
std::optional<Principal> admit(Policy policy, const platform::Request& request, server::Context& context);

// The caller of a kUser route whose handler reads the caller's account in
// its own statement (one round trip for both): for a JWT, only its verified
// claims, and the handler must admit() the account row it read before
// anything else; for other credentials, the caller admitted as usual.
class Caller {
 public:
  static Caller admitted(Principal principal) { return Caller(principal, std::nullopt); }
  static Caller claimed(TokenClaims claims) { return Caller(std::nullopt, claims); }
  long long id() const { return admitted_ ? admitted_->id : claims_->user_id; }
  // The caller, or kUser's 401 for the account read (nullopt: not found).
  Principal admit(const std::optional<Principal>& account) const;

 private:
  Caller(std::optional<Principal> admitted, std::optional<TokenClaims> claims)
      : admitted_(admitted), claims_(std::move(claims)) {}
  std::optional<Principal> admitted_;
  std::optional<TokenClaims> claims_;
};

// kUser's caller as a Caller: the JWT's verified claims (its account is read
// by the handler), or any other credentials admitted as kUser admits them.
Caller claim_caller(const platform::Request& request, server::Context& context);

namespace policy_detail {

// What a handler takes after the request and the context: nothing, the
// admitted caller (a Principal, behind kUser or kStaff), or a Caller (behind kUser).
enum class Takes { kNothing, kPrincipal, kCaller };

template <class F>
constexpr Takes takes() {
  using platform::Request;
  if constexpr (std::is_invocable_v<F&, const Request&, server::Context&>) {
    return Takes::kNothing;
  } else if constexpr (std::is_invocable_v<F&, const Request&, server::Context&, Principal>) {
    return Takes::kPrincipal;
  } else {
    static_assert(std::is_invocable_v<F&, const Request&, server::Context&, Caller>,
                  "a route's handler takes (request, context), plus a Principal or a Caller");
    return Takes::kCaller;
  }
}

// What the handler returns, called as takes<F>() says.
template <class F, Takes kTakes>
struct ResultOf;
template <class F>
struct ResultOf<F, Takes::kNothing> : std::invoke_result<F&, const platform::Request&, server::Context&> {};
template <class F>
struct ResultOf<F, Takes::kPrincipal> : std::invoke_result<F&, const platform::Request&, server::Context&, Principal> {
};
template <class F>
struct ResultOf<F, Takes::kCaller> : std::invoke_result<F&, const platform::Request&, server::Context&, Caller> {};
template <class F, Takes kTakes>
using Result = typename ResultOf<F, kTakes>::type;

// Throws std::invalid_argument for a handler its policy cannot serve: a
// Principal needs kUser or kStaff, a Caller kUser.
void check_policy(Takes takes, Policy policy, const std::string& method, const std::string& pattern);
// What the dispatcher runs before a 405 (the App asks for it): the policy alone.
platform::AccessCheck access_check(Policy policy);

}  // namespace policy_detail

// A route table entry: the one way to declare a HotSox route. The handler's
// signature says what it receives, and whether it awaits (returns a
// platform::Task<Response>) or answers at once (a Response):
//   (request, context)            any policy, applied before the handler;
//   (request, context, Principal) kUser or kStaff: the admitted caller;
//   (request, context, Caller)    kUser: a JWT's claims, the account read by the handler.
// A handler that awaits takes its Principal or Caller by value: its
// coroutine keeps its own copy. std::invalid_argument for a policy that
// cannot serve the handler, when the table is built.
template <class F>
platform::Route route(std::string method, std::string pattern, Policy policy, F handler,
                      std::size_t max_body_bytes = 0) {
  using policy_detail::Takes;
  constexpr Takes kTakes = policy_detail::takes<F>();
  using Result = policy_detail::Result<F, kTakes>;
  static_assert(
      std::is_same_v<Result, platform::Response> || std::is_same_v<Result, platform::Task<platform::Response>>,
      "a route's handler returns a Response or a Task of one");
  policy_detail::check_policy(kTakes, policy, method, pattern);
  // Not a coroutine itself: the handler's coroutine refers only to the
  // request and context, which outlive it, and to its own copy of the caller.
  auto admitted = [policy, handler = std::move(handler)](const platform::Request& request,
                                                         server::Context& context) -> Result {
    if constexpr (kTakes == Takes::kNothing) {
      admit(policy, request, context);
      return handler(request, context);
    } else if constexpr (kTakes == Takes::kPrincipal) {
      return handler(request, context, *admit(policy, request, context));
    } else {
      static_cast<void>(policy);  // kUser (check_policy), which claim_caller applies
      return handler(request, context, claim_caller(request, context));
    }
  };
  using Wrapped =
      std::conditional_t<std::is_same_v<Result, platform::Response>, platform::Handler, platform::AsyncHandler>;
  return {std::move(method), std::move(pattern), Wrapped(std::move(admitted)), max_body_bytes,
          policy_detail::access_check(policy)};
}

}  // namespace hotsox
