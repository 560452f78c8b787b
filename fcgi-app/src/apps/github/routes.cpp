// GitHub users: seeded profiles, paginated and searchable (SPEC.md § GitHub users).
// The pages (/, /users, /users/<page>) are one static page NGINX serves.
#include "apps/github/routes.h"

#include "apps/github/handlers.h"

namespace github {

platform::App app() {
  return {.name = "github",
          .format_error = platform::error_and_message,
          .routes = {
              {"GET", "/api/users/profiles", list_profiles},
          }};
}

}  // namespace github
