#include "store/pipelined_database.h"

#include "platform/access_log.h"
#include "platform/dependency.h"

#include <charconv>
#include <stdexcept>
#include <utility>

namespace store {

long long Rows::integer(int row, int column) const {
  const std::string_view value = text(row, column);
  long long number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) throw std::runtime_error("not an integer");
  return number;
}

PipelinedDatabase::PipelinedDatabase(std::string connection_string, const std::vector<Statement>& statements,
                                     platform::Metrics& metrics, std::chrono::milliseconds reconnect_interval)
    : connection_string_(std::move(connection_string)), metrics_(metrics), backoff_(reconnect_interval) {
  for (const Statement& statement : statements) statements_.emplace(statement.name, statement);
}

PipelinedDatabase::~PipelinedDatabase() {
  if (connection_ != nullptr) PQfinish(connection_);
}

PipelinedDatabase::Read PipelinedDatabase::read_with(std::string_view statement, std::vector<std::string> parameters) {
  const auto it = statements_.find(statement);
  if (it == statements_.end()) throw std::logic_error("no statement named " + std::string(statement));
  return Read(*this, it->second, std::move(parameters));
}

bool PipelinedDatabase::Read::await_suspend(std::coroutine_handle<> awaiting) {
  awaiting_ = awaiting;
  if (database_.connection_ == nullptr && !database_.connect()) {
    error_ = database_.unavailable(database_.last_error_);
    return false;
  }
  database_.to_send_.push_back(this);
  return true;
}

Rows PipelinedDatabase::Read::await_resume() {
  if (error_) std::rethrow_exception(error_);
  return Rows(std::move(result_));
}

int PipelinedDatabase::fd() const { return connection_ == nullptr ? -1 : PQsocket(connection_); }

std::exception_ptr PipelinedDatabase::unavailable(const std::string& reason) const {
  return std::make_exception_ptr(platform::DependencyError(platform::Dependency::kPostgres, reason));
}

bool PipelinedDatabase::connect() {
  if (backoff_.waiting()) {
    last_error_ = "PostgreSQL failed moments ago; not retrying yet";
    return false;
  }
  PGconn* fresh = PQconnectdb(connection_string_.c_str());
  if (PQstatus(fresh) != CONNECTION_OK || PQsetnonblocking(fresh, 1) != 0 || PQenterPipelineMode(fresh) != 1) {
    last_error_ = PQerrorMessage(fresh);
    PQfinish(fresh);
    metrics_.record_dependency_error(platform::Dependency::kPostgres);
    backoff_.hold_off();
    return false;
  }
  connection_ = fresh;
  prepared_.clear();
  return true;
}

void PipelinedDatabase::flush() {
  if (!to_send_.empty()) send_batch();  // reads given back by a broken connection wait for the next turn
  if (connection_ == nullptr) return;
  const int left = PQflush(connection_);
  if (left < 0) return broke(PQerrorMessage(connection_));
  wants_write_ = left == 1;
}

void PipelinedDatabase::send_batch() {
  if (connection_ == nullptr && !connect()) {
    const auto error = unavailable(last_error_);
    for (Read* read : std::exchange(to_send_, {})) fail(read, error);
    return;
  }
  const std::vector<Read*> batch = std::exchange(to_send_, {});
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Read* read = batch[i];
    const Statement& statement = read->statement_;
    auto give_back_rest = [&] { to_send_.insert(to_send_.end(), batch.begin() + static_cast<long>(i), batch.end()); };
    // Statements are prepared on first use, in the same pipeline as the read.
    if (prepared_.insert(statement.name).second) {
      if (PQsendPrepare(connection_, statement.name.c_str(), statement.sql.c_str(), 0, nullptr) != 1) {
        give_back_rest();
        return broke(PQerrorMessage(connection_));
      }
      sent_.push_back({Sent::Kind::kPrepare, nullptr, &statement});
    }
    std::vector<const char*> values;
    values.reserve(read->parameters_.size());
    for (const std::string& parameter : read->parameters_) values.push_back(parameter.c_str());
    if (PQsendQueryPrepared(connection_, statement.name.c_str(), static_cast<int>(values.size()), values.data(),
                            nullptr, nullptr, 0) != 1) {
      give_back_rest();
      return broke(PQerrorMessage(connection_));
    }
    sent_.push_back({Sent::Kind::kRead, read});
  }
  if (PQpipelineSync(connection_) != 1) return broke(PQerrorMessage(connection_));
  sent_.push_back({Sent::Kind::kSync});
}

void PipelinedDatabase::on_ready(bool readable, bool writable) {
  if (connection_ == nullptr) return;
  if (writable) {
    const int left = PQflush(connection_);
    if (left < 0) return broke(PQerrorMessage(connection_));
    wants_write_ = left == 1;
  }
  if (readable) {
    if (PQconsumeInput(connection_) != 1) return broke(PQerrorMessage(connection_));
    take_results();
  }
}

// Results come in the order things were sent: each prepare and read ends with
// a null result; each Sync has one result of its own.
void PipelinedDatabase::take_results() {
  while (connection_ != nullptr && !sent_.empty() && PQisBusy(connection_) == 0) {
    PGresult* raw = PQgetResult(connection_);
    const Sent front = sent_.front();
    if (front.kind == Sent::Kind::kSync) {
      if (raw != nullptr) PQclear(raw);
      sent_.pop_front();
      continue;
    }
    if (raw == nullptr) {
      sent_.pop_front();
      if (front.kind == Sent::Kind::kRead) finish(front.read);
      continue;
    }
    std::shared_ptr<PGresult> result(raw, PQclear);
    if (front.kind == Sent::Kind::kPrepare) {
      // A failed prepare fails its read, which says why; the next read prepares again.
      if (PQresultStatus(raw) != PGRES_COMMAND_OK) prepared_.erase(front.prepared->name);
      continue;
    }
    switch (PQresultStatus(raw)) {
      case PGRES_TUPLES_OK:
      case PGRES_COMMAND_OK: front.read->result_ = std::move(result); break;
      case PGRES_PIPELINE_ABORTED: front.read->aborted_ = true; break;
      default: {
        const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
        const std::string sqlstate = state == nullptr ? "" : state;
        const std::string message = PQresultErrorMessage(raw);
        if (Database::is_server_unavailable(sqlstate)) {
          front.read->error_ = unavailable(message);
        } else {
          front.read->error_ = std::make_exception_ptr(std::runtime_error("postgres: " + message));
        }
      }
    }
  }
  if (connection_ != nullptr && PQstatus(connection_) == CONNECTION_BAD) broke(PQerrorMessage(connection_));
}

void PipelinedDatabase::finish(Read* read) {
  if (read->aborted_ && !read->error_) {
    read->aborted_ = false;
    to_send_.push_back(read);  // not its own failure: it goes with the next batch
    return;
  }
  read->awaiting_.resume();
}

void PipelinedDatabase::fail(Read* read, std::exception_ptr error) {
  read->error_ = std::move(error);
  read->awaiting_.resume();
}

void PipelinedDatabase::broke(const std::string& reason) {
  metrics_.record_dependency_error(platform::Dependency::kPostgres);
  platform::log_event("warning", "postgres (pipelined): " + reason);
  PQfinish(connection_);
  connection_ = nullptr;
  wants_write_ = false;
  std::vector<Read*> waiting;
  for (const Sent& sent : std::exchange(sent_, {})) {
    if (sent.kind == Sent::Kind::kRead) waiting.push_back(sent.read);
  }
  for (Read* read : std::exchange(to_send_, {})) waiting.push_back(read);
  if (waiting.empty()) return;  // noticed while idle: the next read connects
  // A read is harmless to repeat: each gets one more try on a new connection.
  const bool reconnected = connect();
  const auto error = unavailable(reconnected ? reason : last_error_);
  for (Read* read : waiting) {
    if (reconnected && !read->resent_) {
      read->resent_ = true;
      read->result_.reset();
      read->aborted_ = false;
      to_send_.push_back(read);
    } else {
      fail(read, error);
    }
  }
}

}  // namespace store
