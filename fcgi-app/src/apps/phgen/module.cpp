#include "apps/phgen/module.h"

#include "apps/phgen/routes.h"

namespace phgen {

apps::Module module() { return {.app = app(), .statements = statements(), .near_cached_keys = near_cached_keys()}; }

}  // namespace phgen
