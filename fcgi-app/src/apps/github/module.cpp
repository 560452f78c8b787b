#include "apps/github/module.h"

#include "apps/github/routes.h"

namespace github {

apps::Module module() { return {.app = app(), .statements = statements()}; }

}  // namespace github
