#pragma once

#include "platform/router.h"
#include "store/database.h"

#include <string>
#include <vector>

namespace users {

platform::App app();
std::vector<store::Statement> statements();
// Prefixes of the KeyDB keys whose values workers may keep in memory (store/near_cache.h).
std::vector<std::string> near_cached_keys();

}  // namespace users
