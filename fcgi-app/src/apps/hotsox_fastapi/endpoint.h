// How a FastAPI route runs, in the original's order: route match (the
// router) -> authentication (401/403) -> validation (422) -> rate limit
// (429) -> the handler's work. Errors look like FastAPI's: {"detail": ...}.
#pragma once

#include "apps/hotsox_fastapi/tokens.h"
#include "apps/hotsox_fastapi/validation.h"
#include "platform/router.h"
#include "platform/task.h"
#include "server/context.h"

#include <functional>
#include <optional>
#include <string>

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

class Call {
 public:
  Call(const platform::Request& request, server::Context& context, std::optional<FastapiClaims> caller,
       std::string limit_key, int per_minute)
      : request(request),
        context(context),
        caller_(std::move(caller)),
        limit_key_(std::move(limit_key)),
        per_minute_(per_minute) {}

  const platform::Request& request;
  server::Context& context;
  // Validation problems the handler found while reading its input.
  Problems problems;

  // The token's claims (routes with Access other than kOpen).
  const FastapiClaims& caller() const;
  // Input read: throws the 422 when there were problems, then counts this
  // request against the route's limit (429 past it). Every handler calls it
  // before it changes or reads anything.
  void admit();
  bool admitted() const { return admitted_; }

 private:
  std::optional<FastapiClaims> caller_;
  std::string limit_key_;
  int per_minute_;
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
