// What a handler may use besides its request: the worker's configuration and
// its own connections. One Context per worker process, never shared.
#pragma once

#include "platform/config.h"
#include "platform/metrics.h"

namespace store {
class Database;
class KeyDb;
}  // namespace store

namespace platform {

struct Context {
  const Config& config;
  store::Database& db;
  store::KeyDb& cache;
  Metrics& metrics;
};

}  // namespace platform
