// The worker's PostgreSQL connection: opened on first use, every named
// statement prepared on it, and replaced when it breaks.
#pragma once

#include "platform/dependency.h"
#include "platform/metrics.h"
#include "store/reconnect_backoff.h"

#include <pqxx/pqxx>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace store {

// The name of a prepared statement, declared once as a constant next to its
// SQL; code runs the statement by that constant, so a misspelt name fails to
// compile instead of failing at run time.
class StatementName {
 public:
  explicit constexpr StatementName(const char* name) : name_(name) {}
  constexpr std::string_view view() const { return name_; }
  constexpr const char* c_str() const { return name_; }
  operator std::string() const { return name_; }  // libpqxx names statements by std::string

 private:
  const char* name_;
};

// A named prepared statement, declared next to the code that runs it.
struct Statement {
  StatementName name;
  std::string sql;
};

class Database {
 public:
  Database(std::string connection_string, std::vector<Statement> statements, platform::Metrics& metrics,
           std::chrono::milliseconds reconnect_interval);

  // Single reads, outside a transaction. A broken connection is replaced and
  // the read tried once more. Failures become platform::DependencyError.
  template <typename Work>
  auto read(Work&& work) {
    return with_retry(
        [&](pqxx::connection& connection) {
          pqxx::nontransaction transaction(connection);
          return work(transaction);
        },
        /*retry_any_break=*/true);
  }

  // Writes in one transaction, committed when `work` returns. Retried only when
  // the connection broke before the transaction began, so nothing is done twice.
  template <typename Work>
  auto write(Work&& work) {
    return with_retry(
        [&](pqxx::connection& connection) {
          pqxx::work transaction(connection);
          began_ = true;
          if constexpr (std::is_void_v<decltype(work(transaction))>) {
            work(transaction);
            transaction.commit();
          } else {
            auto result = work(transaction);
            transaction.commit();
            return result;
          }
        },
        /*retry_any_break=*/false);
  }

  // One statement that commits by itself: no BEGIN and COMMIT round trips.
  // Like write(), never retried once sent.
  template <typename Work>
  auto write_statement(Work&& work) {
    return with_retry(
        [&](pqxx::connection& connection) {
          pqxx::nontransaction transaction(connection);
          began_ = true;
          return work(transaction);
        },
        /*retry_any_break=*/false);
  }

  // For readiness: true when a round trip to the server succeeds.
  bool ping();

  // A connection for administrative commands (migrate, seed); not retried.
  pqxx::connection& connection();

  // Whether an SQLSTATE means the server, not the statement, failed.
  static bool is_server_unavailable(const std::string& sqlstate);

 private:
  template <typename Attempt>
  auto with_retry(Attempt&& attempt, bool retry_any_break) {
    for (int tries = 0;; ++tries) {
      began_ = false;
      try {
        return attempt(connection());
      } catch (const pqxx::broken_connection& error) {
        give_up_unless_retrying(error.what(), tries == 0 && (retry_any_break || !began_));
      } catch (const pqxx::sql_error& error) {
        if (!is_server_unavailable(error.sqlstate())) throw;
        give_up_unless_retrying(error.what(), tries == 0 && (retry_any_break || !began_));
      } catch (const pqxx::in_doubt_error& error) {
        give_up_unless_retrying(error.what(), false);
      }
    }
  }

  // Drops the broken connection; throws DependencyError unless one retry is allowed.
  void give_up_unless_retrying(const char* reason, bool may_retry);

  std::string connection_string_;
  std::vector<Statement> statements_;
  platform::Metrics& metrics_;
  ReconnectBackoff backoff_;
  std::unique_ptr<pqxx::connection> connection_;
  bool began_ = false;
};

}  // namespace store
