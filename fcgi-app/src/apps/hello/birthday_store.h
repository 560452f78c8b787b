// Hello's SQL: one row per username.
#pragma once

#include "platform/calendar.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"

#include <optional>
#include <string>
#include <vector>

namespace hello {

std::vector<store::Statement> statements();

class BirthdayStore {
 public:
  explicit BirthdayStore(store::Database& db) : db_(db) {}

  // Inserts or replaces; concurrent saves for one name never fail, the last wins.
  void save(const std::string& username, const platform::Date& birthday);

 private:
  store::Database& db_;
};

// The stored date of birth, read on the pipelined connection (for the
// asynchronous greeting); nullopt for an unknown name.
platform::Task<std::optional<platform::Date>> find_birthday(store::PipelinedDatabase& db, std::string username);

}  // namespace hello
