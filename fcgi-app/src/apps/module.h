// Everything the server needs of one app, declared in the app's own folder
// (`<app>::module()` in apps/<app>/module.h) and listed once in
// apps/registry.cpp. Nothing outside the app's folder names the app.
#pragma once

#include "jobs/runner.h"
#include "platform/config.h"
#include "platform/router.h"
#include "server/worker_state.h"
#include "store/database.h"

#include <functional>
#include <string>
#include <vector>

namespace apps {

struct Module {
  // Its routes, error shape, path prefix and slash redirects.
  platform::App app;
  // Prepared on every connection of every worker.
  std::vector<store::Statement> statements = {};
  // Prefixes of the KeyDB keys whose values workers may keep in memory (store/near_cache.h).
  std::vector<std::string> near_cached_keys = {};
  // Reads and validates the app's settings; throws std::invalid_argument
  // naming the bad or missing variable. `serve` calls it before it starts
  // anything, so a bad value stops it with that message.
  std::function<void(const platform::EnvLookup&)> check_settings = {};
  // Puts what each worker keeps for the app (its settings, its caches) into
  // the worker's state, where handlers find it (server::Context::state<T>()).
  std::function<void(const platform::EnvLookup&, server::WorkerState&)> add_worker_state = {};
  // The kinds of background job the app queues and how `fcgi-app jobs` runs them.
  std::function<std::vector<jobs::JobKind>(const platform::EnvLookup&)> job_kinds = {};
};

}  // namespace apps
