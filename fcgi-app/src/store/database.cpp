#include "store/database.h"

#include "platform/access_log.h"

namespace store {

Database::Database(std::string connection_string, std::vector<Statement> statements, platform::Metrics& metrics,
                   std::chrono::milliseconds reconnect_interval)
    : connection_string_(std::move(connection_string)),
      statements_(std::move(statements)),
      metrics_(metrics),
      backoff_(reconnect_interval) {}

pqxx::connection& Database::connection() {
  if (connection_ && connection_->is_open()) return *connection_;
  if (backoff_.waiting()) {
    throw platform::DependencyError(platform::Dependency::kPostgres, "PostgreSQL failed moments ago; not retrying yet");
  }
  try {
    auto fresh = std::make_unique<pqxx::connection>(connection_string_);
    for (const Statement& statement : statements_) fresh->prepare(statement.name, statement.sql);
    connection_ = std::move(fresh);
    return *connection_;
  } catch (const pqxx::broken_connection& error) {
    metrics_.record_dependency_error(platform::Dependency::kPostgres);
    backoff_.hold_off();
    throw platform::DependencyError(platform::Dependency::kPostgres, error.what());
  }
}

bool Database::ping() {
  try {
    read([](pqxx::nontransaction& transaction) { transaction.exec("SELECT 1"); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

bool Database::is_server_unavailable(const std::string& sqlstate) {
  // 08: connection exception, 57: operator intervention (shutdown, restart),
  // 53: insufficient resources (too many connections).
  return sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57", 0) == 0 || sqlstate.rfind("53", 0) == 0;
}

void Database::give_up_unless_retrying(const char* reason, bool may_retry) {
  metrics_.record_dependency_error(platform::Dependency::kPostgres);
  platform::log_event("warning", std::string("postgres: ") + reason);
  connection_.reset();
  if (!may_retry) throw platform::DependencyError(platform::Dependency::kPostgres, reason);
}

}  // namespace store
