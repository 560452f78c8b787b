// Users: create and fetch a user by id, as the original's documented curl
// commands call them (SPEC.md § Users). Errors are {"message": "..."}.
#include "apps/users/routes.h"

#include "apps/users/handlers.h"

namespace users {

platform::App app() {
  return {.name = "users",
          .format_error = platform::message_only,
          .routes = {
              {"POST", "/create_user", create_user},
              {"POST", "/api/create_user", create_user},
              {"GET", "/get_user", get_user},
              {"GET", "/api/get_user", get_user},
          }};
}

}  // namespace users
