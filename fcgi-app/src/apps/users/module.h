#pragma once

#include "apps/module.h"

namespace users {

// Everything the server needs of this app (apps/module.h).
apps::Module module();

}  // namespace users
