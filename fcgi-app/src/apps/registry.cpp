#include "apps/registry.h"

#include "apps/github/module.h"
#include "apps/hello/module.h"
#include "apps/hotsox/module.h"
#include "apps/hotsox_fastapi/module.h"
#include "apps/operations/module.h"
#include "apps/phgen/module.h"
#include "apps/users/module.h"

namespace apps {

Registry all() {
  return Registry({
      operations::module(),
      phgen::module(),
      users::module(),
      hello::module(),
      github::module(),
      hotsox::module(),
      hotsox_fastapi::module(),
  });
}

Registry::Registry(std::vector<Module> all_modules) : modules(std::move(all_modules)) {
  for (const Module& module : modules) {
    apps.push_back(module.app);
    statements.insert(statements.end(), module.statements.begin(), module.statements.end());
    near_cached_keys.insert(near_cached_keys.end(), module.near_cached_keys.begin(), module.near_cached_keys.end());
  }
}

void Registry::check_settings(const platform::EnvLookup& env) const {
  for (const Module& module : modules) {
    if (module.check_settings) module.check_settings(env);
  }
}

server::WorkerState Registry::worker_state(const platform::EnvLookup& env) const {
  server::WorkerState state;
  for (const Module& module : modules) {
    if (module.add_worker_state) module.add_worker_state(env, state);
  }
  return state;
}

std::vector<jobs::JobKind> Registry::job_kinds(const platform::EnvLookup& env) const {
  std::vector<jobs::JobKind> kinds;
  for (const Module& module : modules) {
    if (!module.job_kinds) continue;
    for (jobs::JobKind& kind : module.job_kinds(env)) kinds.push_back(std::move(kind));
  }
  return kinds;
}

}  // namespace apps
