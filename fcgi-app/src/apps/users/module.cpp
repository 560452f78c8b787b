#include "apps/users/module.h"

#include "apps/users/routes.h"

namespace users {

apps::Module module() { return {.app = app(), .statements = statements(), .near_cached_keys = near_cached_keys()}; }

}  // namespace users
