#include "apps/users/user_store.h"

#include "apps/users/routes.h"

namespace users {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kInsert{"users_insert"};
constexpr store::StatementName kFind{"users_find"};

namespace {

constexpr std::chrono::seconds kCacheTtl{300};

constexpr std::string_view kCacheKeyPrefix = "users:user:";

std::string cache_key(int userid) { return std::string(kCacheKeyPrefix) + std::to_string(userid); }

}  // namespace

// Users never change once created, so their cached names are read most.
std::vector<std::string> near_cached_keys() { return {std::string(kCacheKeyPrefix)}; }

std::vector<store::Statement> statements() {
  return {
      {kInsert,
       "INSERT INTO registry_users (userid, username) VALUES ($1, $2) ON CONFLICT (userid) DO NOTHING RETURNING "
       "userid"},
      {kFind, "SELECT username FROM registry_users WHERE userid = $1"},
  };
}

platform::Task<bool> UserStore::create(User user) {
  const store::Rows inserted = co_await db_.write(kInsert, std::to_string(user.userid), user.username);
  co_return !inserted.empty();
}

platform::Task<std::optional<User>> UserStore::find(int userid) {
  const std::string key = cache_key(userid);
  bool cache_up = true;
  try {
    if (auto username = co_await cache_.get(key)) co_return User{userid, std::move(*username)};
  } catch (const platform::DependencyError&) {
    cache_up = false;  // KeyDB down: PostgreSQL still answers
  }
  const store::Rows rows = co_await db_.read(kFind, std::to_string(userid));
  if (rows.empty()) co_return std::nullopt;
  User user{userid, std::string(rows.text(0, 0))};
  if (cache_up) {
    try {
      co_await cache_.set_with_ttl(key, user.username, kCacheTtl);
    } catch (const platform::DependencyError&) {
    }
  }
  co_return user;
}

}  // namespace users
