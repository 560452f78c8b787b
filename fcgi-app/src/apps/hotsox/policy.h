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

// A handler behind kUser or kStaff: it receives the admitted caller.
using UserHandler = std::function<platform::Response(const platform::Request&, server::Context&, Principal)>;
using AsyncUserHandler =
    std::function<platform::Task<platform::Response>(const platform::Request&, server::Context&, Principal)>;

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
using CallerHandler = std::function<platform::Response(const platform::Request&, server::Context&, const Caller&)>;

// A route table entry. A route whose handler takes no caller may have any
// policy; one whose handler takes the caller must be kUser or kStaff
// (std::invalid_argument otherwise, when the table is built).
platform::Route route(std::string method, std::string pattern, Policy policy, platform::Handler handler,
                      std::size_t max_body_bytes = 0);
platform::Route route(std::string method, std::string pattern, Policy policy, platform::AsyncHandler handler,
                      std::size_t max_body_bytes = 0);
platform::Route route(std::string method, std::string pattern, Policy policy, UserHandler handler,
                      std::size_t max_body_bytes = 0);
platform::Route route(std::string method, std::string pattern, Policy policy, AsyncUserHandler handler,
                      std::size_t max_body_bytes = 0);
// Only kUser (std::invalid_argument otherwise).
platform::Route route(std::string method, std::string pattern, Policy policy, CallerHandler handler,
                      std::size_t max_body_bytes = 0);

}  // namespace hotsox
