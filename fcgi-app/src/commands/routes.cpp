#include "apps/registry.h"
#include "commands/commands.h"
#include "platform/router.h"

#include <iostream>

namespace commands {

// Every route of every app, "METHOD PATTERN" a line: what the OpenAPI test
// compares with html/openapi.json.
int routes(const Arguments& arguments) {
  if (!arguments.empty()) {
    std::cerr << "usage: fcgi-app routes\n";
    return 2;
  }
  const apps::Registry registry = apps::all();
  for (const auto& app : registry.apps) {
    for (const auto& route : app.routes) {
      std::cout << route.method << " " << platform::path_template(route.pattern) << "\n";
    }
  }
  return 0;
}

}  // namespace commands
