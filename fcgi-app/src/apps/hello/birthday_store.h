// Hello's SQL: one row per username.
#pragma once

#include "platform/calendar.h"
#include "store/database.h"

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
  std::optional<platform::Date> find(const std::string& username);

 private:
  store::Database& db_;
};

}  // namespace hello
