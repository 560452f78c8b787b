#include "apps/hello/module.h"

#include "apps/hello/routes.h"

namespace hello {

apps::Module module() { return {.app = app(), .statements = statements()}; }

}  // namespace hello
