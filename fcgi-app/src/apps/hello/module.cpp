#include "apps/hello/module.h"

#include "apps/hello/birthday_store.h"
#include "apps/hello/routes.h"

namespace hello {

apps::Module module() { return {.app = app(), .statements = statements(), .near_cached_keys = near_cached_keys()}; }

}  // namespace hello
