// Users' SQL and cache. Users never change once created, so a cached user can
// never go stale, and only found users are cached (never "not found").
#pragma once

#include "apps/users/user_input.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"

#include <optional>

#include <vector>

namespace users {

std::vector<store::Statement> statements();

// On the pipelined connections (asynchronous handlers).
class UserStore {
 public:
  UserStore(store::PipelinedDatabase& db, store::PipelinedKeyDb& cache) : db_(db), cache_(cache) {}

  // false when the userid is taken.
  platform::Task<bool> create(User user);
  // From the near cache or KeyDB when cached; else PostgreSQL, then cached.
  // Works with KeyDB down.
  platform::Task<std::optional<User>> find(int userid);

 private:
  store::PipelinedDatabase& db_;
  store::PipelinedKeyDb& cache_;
};

}  // namespace users
