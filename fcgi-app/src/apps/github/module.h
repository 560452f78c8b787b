#pragma once

#include "apps/module.h"

namespace github {

// Everything the server needs of this app (apps/module.h).
apps::Module module();

}  // namespace github
