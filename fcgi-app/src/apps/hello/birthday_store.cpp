#include "apps/hello/birthday_store.h"

#include "platform/access_log.h"
#include "platform/dependency.h"
#include "platform/detached.h"

namespace hello {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kSave{"hello_save"};
constexpr store::StatementName kFind{"hello_find"};

namespace {

constexpr std::string_view kCacheKeyPrefix = "hello:birthday:";
// Bounds how long a copy can outlive a save whose copy to KeyDB failed.
constexpr std::chrono::seconds kCacheTtl{60};

std::string cache_key(const std::string& username) { return std::string(kCacheKeyPrefix) + username; }

// A copy as set_if_newer stores it: "<version> <YYYY-MM-DD>"; nullopt when
// it is not one (then PostgreSQL is asked).
std::optional<platform::Date> date_of_copy(std::string_view copy) {
  const auto space = copy.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  return platform::parse_iso_date(copy.substr(space + 1));
}

// After the answer has gone out: nobody waits for KeyDB to take the copy.
platform::Detached copy_later(store::PipelinedKeyDb& cache, std::string key, long long version, std::string date) {
  try {
    co_await cache.set_if_newer(std::move(key), version, std::move(date), kCacheTtl);
  } catch (const platform::DependencyError&) {
  }
}

}  // namespace

std::vector<std::string> near_cached_keys() { return {std::string(kCacheKeyPrefix)}; }

std::vector<store::Statement> statements() {
  return {
      // The version is drawn after the row's lock (ON CONFLICT waits for a
      // concurrent save of the name): saves of a name get versions in the
      // order they commit.
      {kSave,
       "INSERT INTO hello_birthdays (username, birthday) VALUES ($1, $2::date)"
       " ON CONFLICT (username) DO UPDATE SET birthday = EXCLUDED.birthday,"
       " version = nextval('hello_birthday_versions') RETURNING version"},
      {kFind, "SELECT version, to_char(birthday, 'YYYY-MM-DD') FROM hello_birthdays WHERE username = $1"},
  };
}

platform::Task<void> BirthdayStore::save(std::string username, platform::Date birthday) {
  std::string date = platform::format_iso_date(birthday);
  const store::Rows saved = co_await db_.write(kSave, username, date);
  try {
    co_await cache_.set_if_newer(cache_key(username), saved.integer(0, 0), std::move(date), kCacheTtl);
  } catch (const platform::DependencyError& error) {
    // Saved all the same. The workers' copies go with their KeyDB connection;
    // one KeyDB kept is older and expires within kCacheTtl.
    platform::log_event("warning", std::string("hello: a birthday was saved with KeyDB failing: ") + error.what());
  }
}

platform::Task<std::optional<platform::Date>> BirthdayStore::find(std::string username) {
  std::string key = cache_key(username);
  bool cache_up = true;
  try {
    if (const auto copy = co_await cache_.get(key)) {
      if (auto date = date_of_copy(*copy)) co_return date;
    }
  } catch (const platform::DependencyError&) {
    cache_up = false;  // KeyDB down: PostgreSQL still answers
  }
  const store::Rows rows = co_await db_.read(kFind, username);
  if (rows.empty()) co_return std::nullopt;
  const auto birthday = platform::parse_iso_date(rows.text(0, 1));
  if (cache_up && birthday) copy_later(cache_, std::move(key), rows.integer(0, 0), std::string(rows.text(0, 1)));
  co_return birthday;
}

}  // namespace hello
