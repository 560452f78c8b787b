#include "apps/phgen/routes.h"

#include "apps/phgen/cors.h"
#include "apps/phgen/handlers.h"
#include "apps/phgen/phrase_store.h"

namespace phgen {

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
              {"POST", "/api/phrases", add_phrase},
              {"DELETE", "/api/phrases/{id}", delete_phrase},
          }};
}

}  // namespace phgen
