// Schema migrations: sql/migrations/NNN_name.sql, compiled into the binary.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace store {

struct Migration {
  std::string version;  // the file name without .sql, e.g. "001_phrases"
  std::string sql;
};

const std::vector<Migration>& embedded_migrations();

// Applies, in order and in one transaction, every migration not yet recorded in
// schema_migrations. Concurrent runs wait for each other. Returns the versions applied.
std::vector<std::string> apply_migrations(pqxx::connection& connection, const std::vector<Migration>& migrations);

}  // namespace store
