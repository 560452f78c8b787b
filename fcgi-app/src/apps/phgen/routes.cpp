#include "apps/phgen/routes.h"

#include "apps/phgen/cors.h"
#include "apps/phgen/handlers.h"
#include "apps/phgen/phrase_store.h"
#include "platform/admin_auth.h"

namespace phgen {

namespace {

// The admin API's policy: an ADMIN_TOKEN bearer (admin_auth.h), before anything else.
platform::Route admin_only(std::string method, std::string pattern, platform::AsyncHandler handler) {
  platform::AccessCheck check = [](const platform::Request& request, server::Context& context) {
    platform::require_admin(request, context.config);
  };
  platform::AsyncHandler admitted = [check, handler = std::move(handler)](const platform::Request& request,
                                                                          server::Context& context) {
    check(request, context);
    return handler(request, context);
  };
  return {std::move(method), std::move(pattern), std::move(admitted), 0, std::move(check)};
}

}  // namespace

// The public endpoints are open to anyone; the admin API (/api/phrases
// changes) wants the admin token.
platform::App app() {
  return {.name = "phgen",
          .format_error = platform::error_and_message,
          .routes = {
              {"GET", "/api/get-current-phrase", get_current_phrase},
              {"GET", "/api/change-current-phrase", change_current_phrase},
              {"POST", "/api/change-current-phrase", change_current_phrase},
              // CORS preflights of the two public endpoints (cors.h).
              {"OPTIONS", "/api/get-current-phrase", cors_preflight_handler("GET")},
              {"OPTIONS", "/api/change-current-phrase", cors_preflight_handler("GET, POST")},
              {"GET", "/api/phrases", list_phrases},
              admin_only("POST", "/api/phrases", add_phrase),
              admin_only("DELETE", "/api/phrases/{id}", delete_phrase),
          }};
}

}  // namespace phgen
