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

// Inserts or replaces; concurrent saves for one name never fail, the last wins.
// One statement on the pipelined connection, committed when it returns.
platform::Task<void> save_birthday(store::PipelinedDatabase& db, std::string username, platform::Date birthday);

// The stored date of birth, read on the pipelined connection (for the
// asynchronous greeting); nullopt for an unknown name.
platform::Task<std::optional<platform::Date>> find_birthday(store::PipelinedDatabase& db, std::string username);

}  // namespace hello
