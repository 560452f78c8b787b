#pragma once

#include "apps/module.h"

namespace phgen {

// Everything the server needs of this app (apps/module.h).
apps::Module module();

}  // namespace phgen
