// Every app the server runs: add an app here and nowhere else.
#pragma once

#include "platform/router.h"
#include "store/database.h"

#include <string>
#include <vector>

namespace apps {

struct Registry {
  std::vector<platform::App> apps;            // route tables, in this order
  std::vector<store::Statement> statements;   // prepared on every connection
  std::vector<std::string> near_cached_keys;  // KeyDB key prefixes kept in worker memory
};

Registry all();

}  // namespace apps
