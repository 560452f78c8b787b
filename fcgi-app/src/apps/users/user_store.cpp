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

bool UserStore::create(const User& user) {
  return db_.write([&](pqxx::work& tx) { return !tx.exec_prepared(kInsert, user.userid, user.username).empty(); });
}

std::optional<User> UserStore::find(int userid) {
  const std::string key = cache_key(userid);
  try {
    if (auto username = cache_.get(key)) return User{userid, *username};
  } catch (const platform::DependencyError&) {
    // KeyDB down: PostgreSQL still answers.
  }
  const auto rows = db_.read([&](pqxx::nontransaction& tx) { return tx.exec_prepared(kFind, userid); });
  if (rows.empty()) return std::nullopt;
  User user{userid, rows[0][0].as<std::string>()};
  try {
    cache_.set_with_ttl(key, user.username, kCacheTtl);
  } catch (const platform::DependencyError&) {
  }
  return user;
}

}  // namespace users
