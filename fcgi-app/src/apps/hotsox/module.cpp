#include "apps/hotsox/module.h"

#include "apps/hotsox/next_sock_cache.h"
#include "apps/hotsox/next_sock_read.h"
#include "apps/hotsox/outbox.h"
#include "apps/hotsox/routes.h"
#include "apps/hotsox/settings.h"
#include "apps/hotsox/sock_index.h"
#include "apps/hotsox/swipe_store.h"

namespace hotsox {

namespace {

std::vector<store::Statement> all_statements() {
  std::vector<store::Statement> all = statements();
  for (auto* more : {swipe_statements, sock_index_statements, next_sock_read_statements}) {
    for (auto& statement : more()) all.push_back(std::move(statement));
  }
  return all;
}

}  // namespace

void add_worker_state(const platform::EnvLookup& env, server::WorkerState& state) {
  state.put(Settings::from_environment(env));
  // Rebuilt from PostgreSQL by each worker (sock_index.h).
  state.put(SockIndex{});
  // The next sock's answers per sock, good while the index and the sock stay as they were.
  state.put(NextSockCache{});
  state.put(NextSockRankings{});
}

apps::Module module() {
  return {.app = app(),
          .statements = all_statements(),
          .check_settings = check_settings,
          .add_worker_state = add_worker_state,
          .job_kinds = [](const platform::EnvLookup& env) { return job_kinds(Settings::from_environment(env)); }};
}

}  // namespace hotsox
