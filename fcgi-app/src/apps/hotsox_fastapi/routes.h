#pragma once

#include "platform/router.h"
#include "store/database.h"

#include <vector>

namespace hotsox_fastapi {

platform::App app();
std::vector<store::Statement> statements();

}  // namespace hotsox_fastapi
