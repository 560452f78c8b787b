// GitHub users: seeded profiles, paginated and searchable (SPEC.md § GitHub users).
// The pages (/, /users, /users/<page>) are one static page NGINX serves.
#include "apps/github/routes.h"

#include "apps/github/handlers.h"

namespace github {

platform::App app() {
  return {"github",
          platform::ErrorShape::kErrorAndMessage,
          {
              {"GET", "/api/users/profiles", list_profiles},
          }};
}

}  // namespace github
