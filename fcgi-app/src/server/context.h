// What a handler receives besides its request: the composition root of one
// worker. The platform's part (configuration, CPU pool, metrics), the
// worker's own connections, and what each app keeps in the worker.
#pragma once

#include "platform/context.h"
#include "platform/timers.h"
#include "server/worker_state.h"

namespace store {
class Database;
class KeyDb;
class PipelinedDatabase;
class PipelinedDatabases;
class PipelinedKeyDb;
class TransactionPool;
}  // namespace store

namespace server {

struct Context : platform::Context {
  store::Database& db;
  store::KeyDb& cache;
  // For asynchronous handlers (platform/router.h): the same servers on
  // connections of their own, where each turn of the worker's loop sends one
  // batch.
  store::PipelinedDatabase& pipelined_db;
  store::PipelinedKeyDb& pipelined_cache;
  // For reads that may run long (a scan of many rows): a pipelined
  // connection answers in order, so on pipelined_db one would hold up every
  // quick read sent after it. Here a few connections share them.
  store::PipelinedDatabases& pipelined_long_dbs;
  // For transactions of several statements, awaited: each runs on a thread
  // with a connection of its own.
  store::TransactionPool& transactions;
  // For waiting a while without blocking the worker (a poll for another
  // worker's result).
  platform::Timers& timers;
  WorkerState& worker_state;

  // An app's per-worker object (apps/module.h), e.g. state<hotsox::SockIndex>().
  template <class T>
  T& state() const {
    return worker_state.get<T>();
  }
};

}  // namespace server
