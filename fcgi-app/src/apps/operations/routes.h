// Endpoints for operators and orchestrators: liveness, readiness, metrics.
#pragma once

#include "platform/router.h"

namespace operations {

platform::App app();

}  // namespace operations
