// A worker's world for unit tests of whole requests: a router over `apps`
// and a dispatcher whose connections exist but are never reached (the
// requests tested are answered before any database or cache is asked).
#pragma once

#include "platform/dispatcher.h"
#include "server/context.h"
#include "store/database.h"
#include "store/keydb.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"
#include "store/transaction_pool.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace unit_test {

struct OfflineWorld {
  explicit OfflineWorld(std::vector<platform::App> served) : apps(std::move(served)) {}

  platform::Config config = platform::Config::from_environment([](const std::string&) { return std::nullopt; });
  std::vector<platform::App> apps;
  platform::Router router{apps};
  platform::Metrics metrics{"", router.route_names()};
  store::Database db{"postgresql:///nowhere", {}, metrics, std::chrono::milliseconds(250)};
  store::KeyDb cache{config, metrics};
  store::PipelinedDatabase pipelined_db{
      "postgresql:///nowhere",
      {},
      metrics,
      {std::chrono::milliseconds(250), std::chrono::milliseconds(2000), std::chrono::milliseconds(3000)}};
  store::PipelinedKeyDb pipelined_cache{config, metrics, cache};
  store::PipelinedDatabases pipelined_long_dbs{
      1,
      "postgresql:///nowhere",
      {},
      metrics,
      {std::chrono::milliseconds(250), std::chrono::milliseconds(2000), std::chrono::milliseconds(3000)}};
  store::TransactionPool transactions{1, "postgresql:///nowhere", {}, metrics, std::chrono::milliseconds(250)};
  platform::Timers timers;
  platform::CpuPool cpu_pool{1, 0};
  // Empty: a test puts in what its apps keep per worker (their settings).
  server::WorkerState worker_state;
  server::Context context{{config, cpu_pool, metrics}, db,           cache,  pipelined_db, pipelined_cache,
                          pipelined_long_dbs,          transactions, timers, worker_state};
  platform::Dispatcher dispatcher{router, context};

  // The answer to a request that needs no waiting.
  platform::Response answer(std::string method, std::string target,
                            std::optional<std::string> authorization = std::nullopt) {
    auto request = std::make_unique<platform::Request>();
    request->method = std::move(method);
    request->target = std::move(target);
    request->headers = {{"host", "example.test"}};
    if (authorization) request->headers.emplace_back("authorization", *authorization);
    return *dispatcher.start(std::move(request), 1);
  }
};

}  // namespace unit_test
