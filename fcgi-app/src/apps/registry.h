// Every app the server runs: add an app here and nowhere else.
#pragma once

#include "apps/module.h"

#include <string>
#include <vector>

namespace apps {

struct Registry {
  std::vector<Module> modules;
  std::vector<platform::App> apps;            // route tables, in this order
  std::vector<store::Statement> statements;   // prepared on every connection
  std::vector<std::string> near_cached_keys;  // KeyDB key prefixes kept in worker memory

  explicit Registry(std::vector<Module> all_modules);

  // Every app's check_settings; throws the first app's complaint.
  void check_settings(const platform::EnvLookup& env) const;
  // One worker's state: what every app keeps in it.
  server::WorkerState worker_state(const platform::EnvLookup& env) const;
  // Every app's kinds of background job.
  std::vector<jobs::JobKind> job_kinds(const platform::EnvLookup& env) const;
};

Registry all();

}  // namespace apps
