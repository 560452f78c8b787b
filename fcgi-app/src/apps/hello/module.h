#pragma once

#include "apps/module.h"

namespace hello {

// Everything the server needs of this app (apps/module.h).
apps::Module module();

}  // namespace hello
