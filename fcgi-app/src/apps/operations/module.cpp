#include "apps/operations/module.h"

#include "apps/operations/routes.h"

namespace operations {

apps::Module module() { return {.app = app()}; }

}  // namespace operations
