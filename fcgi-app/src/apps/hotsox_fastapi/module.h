#pragma once

#include "apps/module.h"

namespace hotsox_fastapi {

// Everything the server needs of this app (apps/module.h).
apps::Module module();

}  // namespace hotsox_fastapi
