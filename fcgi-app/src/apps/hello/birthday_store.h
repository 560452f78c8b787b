// Hello's SQL and cache: one row per username in PostgreSQL, and a copy of it
// in KeyDB that every worker near-caches, so that a greeting usually costs no
// round trip. Each save gets a new version (a sequence) and is marked in the
// copy while it commits (PipelinedKeyDb::mark_write): greetings read
// PostgreSQL until it is settled, a greeting fills the copy only with a newer
// version, so a read that fills the cache while a save runs can never leave
// the older date there.
#pragma once

#include "platform/calendar.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"

#include <optional>
#include <string>
#include <vector>

namespace hello {

std::vector<store::Statement> statements();
std::vector<std::string> near_cached_keys();

// On the pipelined connections (asynchronous handlers).
class BirthdayStore {
 public:
  BirthdayStore(store::PipelinedDatabase& db, store::PipelinedKeyDb& cache) : db_(db), cache_(cache) {}

  // Inserts or replaces; concurrent saves for one name never fail, the last
  // wins. Committed and marked in KeyDB's copy before it returns (both in one
  // round trip): the next read, by any worker, sees it. Settled in the copy
  // after. With KeyDB failing, the save still stands.
  platform::Task<void> save(std::string username, platform::Date birthday);
  // The stored date of birth (nullopt for an unknown name): from the near
  // cache or KeyDB when cached, else PostgreSQL, then cached. Works with
  // KeyDB down.
  platform::Task<std::optional<platform::Date>> find(std::string username);

 private:
  store::PipelinedDatabase& db_;
  store::PipelinedKeyDb& cache_;
};

}  // namespace hello
