// Every app the server runs: add an app here and nowhere else.
#pragma once

#include "platform/router.h"
#include "store/database.h"

#include <vector>

namespace apps {

struct Registry {
  std::vector<platform::App> apps;           // route tables, in this order
  std::vector<store::Statement> statements;  // prepared on every connection
};

Registry all();

}  // namespace apps
