// How a FastAPI route runs, in the original's order: route match (the
// router) -> authentication (401/403) -> validation (422) -> rate limit
// (429) -> the handler's work. Errors look like FastAPI's: {"detail": ...}.
// A route's pattern may type a segment, {id:int}: unlike the router's
// {id:int}, which would not match "abc" (a 404), such a segment matches any
// text and pydantic's reading of it makes the 422, after authentication.
#pragma once

#include "apps/hotsox_fastapi/tokens.h"
#include "apps/hotsox_fastapi/validation.h"
#include "platform/router.h"
#include "platform/task.h"
#include "server/context.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotsox_fastapi {

// {"detail": "<message>"} for the handlers' errors and the platform's own.
platform::Response fastapi_error(const platform::HttpError& error, const platform::Request& request);
// An error the formatter shows as {"detail": message}.
platform::HttpError detail(int status, std::string message);

enum class Access {
  kOpen,       // no token needed
  kToken,      // any valid token (*T*)
  kActive,     // the `active` claim (*A*)
  kSuperuser,  // `active` and `superuser` (*S*)
};

struct Policy {
  Access access = Access::kOpen;
  int per_minute = 0;  // slowapi's limit per client address; 0: none
};

// What a route declares besides its handler: its policy, and the names of
// its {name:int} segments.
struct RouteRules {
  Policy policy;
  std::string limit_key;  // "GET /fastapi/v1/user/sock/{id}"
  std::vector<std::string> int_params;
};

class Call {
 public:
  // Reads the route's {name:int} segments as pydantic reads an int, each
  // refusal a 422 problem: path parameters come first in FastAPI's list.
  Call(const platform::Request& request, server::Context& context, std::optional<FastapiClaims> caller,
       const RouteRules& rules);

  const platform::Request& request;
  server::Context& context;
  // Validation problems the handler found while reading its input.
  Problems problems;

  // The token's claims (routes with Access other than kOpen).
  const FastapiClaims& caller() const;
  // The value of the route's {name:int} segment; only after admit().
  long long int_param(std::string_view name) const;
  // Input read: throws the 422 when there were problems, then counts this
  // request against the route's limit (429 past it). Every handler calls it
  // before it changes or reads anything.
  void admit();
  bool admitted() const { return admitted_; }

 private:
  std::optional<FastapiClaims> caller_;
  const RouteRules& rules_;
  std::vector<std::pair<std::string, long long>> int_params_;
  bool admitted_ = false;
};

using Endpoint = std::function<platform::Response(Call&)>;
// One that awaits (a password hash on the CPU pool): its worker serves other
// requests meanwhile.
using AsyncEndpoint = std::function<platform::Task<platform::Response>(Call&)>;

platform::Route route(std::string method, std::string pattern, Policy policy, Endpoint endpoint,
                      std::size_t max_body_bytes = 0);
platform::Route route(std::string method, std::string pattern, Policy policy, AsyncEndpoint endpoint,
                      std::size_t max_body_bytes = 0);

// The key of a 60-second window of `route` for `client`: fixed windows, as
// slowapi's default strategy counts them.
std::string rate_limit_key(std::string_view route, std::string_view client, long long now_seconds);

long long now_seconds();

}  // namespace hotsox_fastapi
