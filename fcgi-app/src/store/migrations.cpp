#include "store/migrations.h"

#include <set>

namespace store {

namespace {
constexpr long long kMigrationLockKey = 0x6663'6769'6d69'67;  // any constant shared by every migrate run
}

std::vector<std::string> apply_migrations(pqxx::connection& connection, const std::vector<Migration>& migrations) {
  pqxx::work transaction(connection);
  transaction.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
  transaction.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version TEXT PRIMARY KEY,"
      " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  std::set<std::string> applied;
  for (const auto& row : transaction.exec("SELECT version FROM schema_migrations")) {
    applied.insert(row[0].as<std::string>());
  }
  std::vector<std::string> newly_applied;
  for (const Migration& migration : migrations) {
    if (applied.count(migration.version) != 0) continue;
    transaction.exec(migration.sql);
    transaction.exec("INSERT INTO schema_migrations (version) VALUES (" + transaction.quote(migration.version) + ")");
    newly_applied.push_back(migration.version);
  }
  transaction.commit();
  return newly_applied;
}

}  // namespace store
