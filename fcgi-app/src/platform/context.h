// What a handler may use besides its request: the worker's configuration and
// its own connections. One Context per worker process, never shared.
#pragma once

#include "platform/config.h"
#include "platform/cpu_pool.h"
#include "platform/metrics.h"

namespace store {
class Database;
class KeyDb;
class PipelinedDatabase;
class PipelinedKeyDb;
}  // namespace store

namespace platform {

struct Context {
  const Config& config;
  store::Database& db;
  store::KeyDb& cache;
  // For asynchronous handlers (router.h): the same servers on connections of
  // their own, where each turn of the worker's loop sends one batch.
  store::PipelinedDatabase& pipelined_db;
  store::PipelinedKeyDb& pipelined_cache;
  // For work that would stall the loop (password hashing): asynchronous
  // handlers await it on the worker's threads.
  CpuPool& cpu_pool;
  Metrics& metrics;
};

}  // namespace platform
