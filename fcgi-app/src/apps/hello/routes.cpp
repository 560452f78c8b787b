// Hello: store a date of birth, greet with the days to the next birthday
// (SPEC.md § Hello). Errors are {"message": "..."} with the original's texts.
#include "apps/hello/routes.h"

#include "apps/hello/handlers.h"

namespace hello {

platform::App app() {
  return {.name = "hello",
          .format_error = platform::message_only,
          .routes = {
              {"PUT", "/hello/{username}", save_birthday},
              {"GET", "/hello/{username}", greet},
              {"PUT", "/api/hello/{username}", save_birthday},
              {"GET", "/api/hello/{username}", greet},
          }};
}

}  // namespace hello
