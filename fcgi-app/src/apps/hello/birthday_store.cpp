#include "apps/hello/birthday_store.h"

#include "platform/access_log.h"
#include "platform/dependency.h"
#include "platform/detached.h"

#include <exception>
#include <optional>

namespace hello {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kSave{"hello_save"};
constexpr store::StatementName kFind{"hello_find"};

namespace {

constexpr std::string_view kCacheKeyPrefix = "hello:birthday:";
// Bounds how long a copy can outlive a save whose copy to KeyDB failed.
constexpr std::chrono::seconds kCacheTtl{60};

std::string cache_key(const std::string& username) { return std::string(kCacheKeyPrefix) + username; }

// Whether the save was marked in flight in the copy; with KeyDB failing it is
// not, and the save stands all the same.
platform::Task<bool> mark_save(store::PipelinedKeyDb& cache, std::string key) {
  try {
    co_await cache.mark_write(std::move(key), kCacheTtl);
    co_return true;
  } catch (const platform::DependencyError& error) {
    // The workers' copies go with their KeyDB connection; one KeyDB kept is
    // older and expires within kCacheTtl.
    platform::log_event("warning", std::string("hello: a birthday is saved with KeyDB failing: ") + error.what());
    co_return false;
  }
}

// After the answer has gone out: nobody waits for KeyDB to take the copy. A
// save settles the write it marked; a greeting fills a copy it missed.
enum class CopiedBy { kSave, kGreeting };
platform::Detached copy_later(store::PipelinedKeyDb& cache, std::string key, long long version, std::string date,
                              CopiedBy by) {
  try {
    if (by == CopiedBy::kSave) {
      co_await cache.settle_write(std::move(key), version, std::move(date), kCacheTtl);
    } else {
      co_await cache.fill_copy(std::move(key), version, std::move(date), kCacheTtl);
    }
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
  std::string key = cache_key(username);
  // The mark and the row leave together: the save waits one round trip, not
  // two, and greetings read PostgreSQL until the mark is settled.
  platform::Task<bool> marking = mark_save(cache_, key);
  std::optional<store::Rows> saved;
  std::exception_ptr failed;
  try {
    saved = co_await db_.write(kSave, username, date);
  } catch (...) {
    failed = std::current_exception();
  }
  const bool marked = co_await marking;
  // Not saved, or not known to be: the mark is left to expire, and greetings
  // read PostgreSQL until then.
  if (failed) std::rethrow_exception(failed);
  if (marked) copy_later(cache_, std::move(key), saved->integer(0, 0), std::move(date), CopiedBy::kSave);
}

platform::Task<std::optional<platform::Date>> BirthdayStore::find(std::string username) {
  std::string key = cache_key(username);
  bool cache_up = true;
  try {
    if (const auto copy = co_await cache_.get(key)) {
      if (const auto value = store::PipelinedKeyDb::settled_value(*copy)) {
        if (auto date = platform::parse_iso_date(*value)) co_return date;
      }
    }
  } catch (const platform::DependencyError&) {
    cache_up = false;  // KeyDB down: PostgreSQL still answers
  }
  const store::Rows rows = co_await db_.read(kFind, username);
  if (rows.empty()) co_return std::nullopt;
  const auto birthday = platform::parse_iso_date(rows.text(0, 1));
  if (cache_up && birthday) {
    copy_later(cache_, std::move(key), rows.integer(0, 0), std::string(rows.text(0, 1)), CopiedBy::kGreeting);
  }
  co_return birthday;
}

}  // namespace hello
