#include "apps/registry.h"

#include "apps/github/routes.h"
#include "apps/hello/routes.h"
#include "apps/hotsox/routes.h"
#include "apps/hotsox/swipe_store.h"
#include "apps/hotsox_fastapi/routes.h"
#include "apps/operations/routes.h"
#include "apps/phgen/routes.h"
#include "apps/users/routes.h"

namespace apps {

namespace {

void add(Registry& registry, platform::App app, std::vector<store::Statement> statements = {},
         std::vector<std::string> near_cached_keys = {}) {
  registry.apps.push_back(std::move(app));
  for (auto& statement : statements) registry.statements.push_back(std::move(statement));
  for (auto& key : near_cached_keys) registry.near_cached_keys.push_back(std::move(key));
}

}  // namespace

Registry all() {
  Registry registry;
  add(registry, operations::app());
  add(registry, phgen::app(), phgen::statements(), phgen::near_cached_keys());
  add(registry, users::app(), users::statements(), users::near_cached_keys());
  add(registry, hello::app(), hello::statements());
  add(registry, github::app(), github::statements());
  add(registry, hotsox::app(), hotsox::statements());
  add(registry, hotsox_fastapi::app(), hotsox_fastapi::statements());
  for (auto* more : {hotsox::swipe_statements, hotsox::sock_index_statements}) {
    for (auto& statement : more()) registry.statements.push_back(std::move(statement));
  }
  return registry;
}

}  // namespace apps
