// Users' SQL and cache. Users never change once created, so a cached user can
// never go stale, and only found users are cached (never "not found").
#pragma once

#include "apps/users/user_input.h"
#include "store/database.h"
#include "store/keydb.h"

#include <vector>

namespace users {

std::vector<store::Statement> statements();

class UserStore {
 public:
  UserStore(store::Database& db, store::KeyDb& cache) : db_(db), cache_(cache) {}

  // false when the userid is taken.
  bool create(const User& user);
  // From KeyDB when cached; else PostgreSQL, then cached. Works with KeyDB down.
  std::optional<User> find(int userid);

 private:
  store::Database& db_;
  store::KeyDb& cache_;
};

}  // namespace users
