// What the platform gives every handler besides its request: the worker's
// configuration, its CPU pool and its metrics. One per worker process, never
// shared. The server's own context (server/context.h) derives from it and
// adds the store's connections and the apps' per-worker state; handlers
// name that one, and the router (router.h) hands it to them.
#pragma once

#include "platform/config.h"
#include "platform/cpu_pool.h"
#include "platform/metrics.h"

namespace platform {

struct Context {
  const Config& config;
  // For work that would stall the loop (password hashing): asynchronous
  // handlers await it on the worker's threads.
  CpuPool& cpu_pool;
  Metrics& metrics;
};

}  // namespace platform
