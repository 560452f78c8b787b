#include "store/pipelined_database.h"

#include "platform/access_log.h"
#include "platform/dependency.h"
#include "platform/text.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace store {

namespace {

// A write appears twice among what was sent (the statement, then its Sync).
template <typename T>
bool is_listed(const std::vector<T*>& list, const T* item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

long long Rows::integer(int row, int column) const {
  const auto number = platform::parse_integer(text(row, column));
  if (!number) throw std::runtime_error("not an integer");
  return *number;
}

long long Rows::affected() const {
  const auto number = platform::parse_integer(PQcmdTuples(result_.get()));
  return number ? *number : 0;
}

PipelinedDatabase::PipelinedDatabase(std::string connection_string, const std::vector<Statement>& statements,
                                     platform::Metrics& metrics, Timeouts timeouts)
    : connection_string_(std::move(connection_string)),
      metrics_(metrics),
      backoff_(timeouts.reconnect_interval),
      read_timeout_(timeouts.read),
      connect_timeout_(timeouts.connect) {
  for (const Statement& statement : statements) statements_.emplace(statement.name.view(), statement);
}

PipelinedDatabase::~PipelinedDatabase() { close_connection(); }

PipelinedDatabase::Read PipelinedDatabase::read_with(StatementName statement, std::vector<std::string> parameters) {
  const auto it = statements_.find(statement.view());
  if (it == statements_.end()) throw std::logic_error("no statement named " + std::string(statement));
  return Read(*this, &it->second, {}, std::move(parameters), true);
}

PipelinedDatabase::Read PipelinedDatabase::write_with(StatementName statement, std::vector<std::string> parameters) {
  const auto it = statements_.find(statement.view());
  if (it == statements_.end()) throw std::logic_error("no statement named " + std::string(statement));
  return Read(*this, &it->second, {}, std::move(parameters), false);
}

PipelinedDatabase::Read PipelinedDatabase::read_unprepared_with(std::string sql, std::vector<std::string> parameters) {
  return Read(*this, nullptr, std::move(sql), std::move(parameters), true);
}

bool PipelinedDatabase::Read::await_suspend(std::coroutine_handle<> awaiting) {
  awaiting_ = awaiting;
  asked_at_ = Clock::now();
  if (database_.connection_ == nullptr && !database_.start_connect()) {
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

void PipelinedDatabase::close_connection() {
  if (connection_ != nullptr) PQfinish(connection_);
  connection_ = nullptr;
  connecting_ = false;
  wants_write_ = false;
}

// PQconnectdb would wait in the worker's loop, stalling every parked request
// for up to the connect timeout; PQconnectStart returns at once and the loop
// drives the rest (continue_connect) as the socket becomes ready.
bool PipelinedDatabase::start_connect() {
  if (backoff_.waiting()) {
    last_error_ = "PostgreSQL failed moments ago; not retrying yet";
    return false;
  }
  PGconn* fresh = PQconnectStart(connection_string_.c_str());
  if (fresh == nullptr || PQstatus(fresh) == CONNECTION_BAD) {
    last_error_ = fresh == nullptr ? "out of memory" : PQerrorMessage(fresh);
    if (fresh != nullptr) PQfinish(fresh);
    metrics_.record_dependency_error(platform::Dependency::kPostgres);
    backoff_.hold_off();
    return false;
  }
  connection_ = fresh;
  connecting_ = true;
  connect_started_ = Clock::now();
  wants_write_ = true;  // libpq: poll for writing before the first PQconnectPoll
  prepared_.clear();
  return true;
}

void PipelinedDatabase::continue_connect(bool readable, bool writable) {
  // Only when the socket is ready the way libpq asked: a connect() still in
  // progress must not be mistaken for a finished one.
  if (wants_write_ ? !writable : !readable) return;
  switch (PQconnectPoll(connection_)) {
    case PGRES_POLLING_READING: wants_write_ = false; return;
    case PGRES_POLLING_WRITING: wants_write_ = true; return;
    case PGRES_POLLING_FAILED: return connect_failed(PQerrorMessage(connection_));
    default: break;  // PGRES_POLLING_OK
  }
  if (PQsetnonblocking(connection_, 1) != 0 || PQenterPipelineMode(connection_) != 1) {
    return connect_failed(PQerrorMessage(connection_));
  }
  connecting_ = false;
  wants_write_ = false;
  flush();  // what waited for the connection leaves now
}

void PipelinedDatabase::connect_failed(const std::string& reason) {
  last_error_ = reason;
  close_connection();
  metrics_.record_dependency_error(platform::Dependency::kPostgres);
  platform::log_event("warning", "postgres (pipelined): cannot connect: " + reason);
  backoff_.hold_off();
  const auto error = unavailable(reason);
  for (Read* read : std::exchange(to_send_, {})) fail(read, error);
}

void PipelinedDatabase::flush() {
  if (connecting_) return;  // reads leave once the connection is up
  if (connection_ == nullptr) {
    // Reads given back by a broken connection: open a new one for them.
    if (!to_send_.empty() && !start_connect()) {
      const auto error = unavailable(last_error_);
      for (Read* read : std::exchange(to_send_, {})) fail(read, error);
    }
    return;
  }
  if (!to_send_.empty()) send_batch();
  if (connection_ == nullptr) return;
  const int left = PQflush(connection_);
  if (left < 0) return broke(PQerrorMessage(connection_));
  wants_write_ = left == 1;
}

std::optional<PipelinedDatabase::Clock::time_point> PipelinedDatabase::deadline() const {
  std::optional<Clock::time_point> earliest;
  auto bound = [&](Clock::time_point at) {
    if (!earliest || at < *earliest) earliest = at;
  };
  if (connecting_) bound(connect_started_ + connect_timeout_);
  for (const Read* read : to_send_) bound(read->asked_at_ + read_timeout_);
  for (const Sent& sent : sent_) {
    if (sent.read != nullptr) bound(sent.read->sent_at_ + read_timeout_);
  }
  return earliest;
}

void PipelinedDatabase::expire() {
  const auto now = Clock::now();
  if (connecting_ && now >= connect_started_ + connect_timeout_) {
    connect_failed("no connection within " + std::to_string(connect_timeout_.count()) + " ms");
  }
  const std::string reason = "no answer within " + std::to_string(read_timeout_.count()) + " ms";
  auto overdue = [&](const Read* read) { return now >= read->asked_at_ + read_timeout_; };
  auto unanswered = [&](const Read* read) { return now >= read->sent_at_ + read_timeout_; };
  // A sent read that is overdue means the server does not answer: the
  // connection goes, and every read sent on it fails (a pipeline cannot
  // drop one read).
  std::vector<Read*> failed;
  bool hung = false;
  for (const Sent& sent : sent_) hung = hung || (sent.read != nullptr && unanswered(sent.read));
  if (hung) {
    metrics_.record_dependency_error(platform::Dependency::kPostgres);
    platform::log_event("warning", "postgres (pipelined): " + reason);
    for (const Sent& sent : std::exchange(sent_, {})) {
      if (sent.read != nullptr && !is_listed(failed, sent.read)) failed.push_back(sent.read);
    }
    close_connection();
    backoff_.hold_off();
  }
  std::vector<Read*> still_waiting;
  for (Read* read : std::exchange(to_send_, {})) (overdue(read) ? failed : still_waiting).push_back(read);
  to_send_ = std::move(still_waiting);
  const auto error = unavailable(reason);
  for (Read* read : failed) fail(read, error);
}

void PipelinedDatabase::send_batch() {
  const std::vector<Read*> batch = std::exchange(to_send_, {});
  bool synced = true;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i]->sent_at_ = Clock::now();
    if (!send(batch[i])) {
      to_send_.insert(to_send_.end(), batch.begin() + static_cast<long>(i), batch.end());
      return broke(PQerrorMessage(connection_));
    }
    synced = !batch[i]->repeatable_;
    // A write ends its implicit transaction at once: a later statement's
    // failure must not roll it back, and it is done only once committed.
    if (synced) {
      if (PQpipelineSync(connection_) != 1) return broke(PQerrorMessage(connection_));
      sent_.push_back({Sent::Kind::kSync, batch[i]});
    }
  }
  if (synced) return;
  if (PQpipelineSync(connection_) != 1) return broke(PQerrorMessage(connection_));
  sent_.push_back({Sent::Kind::kSync});
}

bool PipelinedDatabase::send(Read* read) {
  std::vector<const char*> values;
  values.reserve(read->parameters_.size());
  for (const std::string& parameter : read->parameters_) values.push_back(parameter.c_str());
  const int count = static_cast<int>(values.size());
  const Statement* statement = read->statement_;
  if (statement == nullptr) {
    if (PQsendQueryParams(connection_, read->sql_.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0) != 1) {
      return false;
    }
    sent_.push_back({Sent::Kind::kRead, read});
    return true;
  }
  // Statements are prepared on first use, in the same pipeline as the read.
  if (prepared_.insert(statement->name).second) {
    if (PQsendPrepare(connection_, statement->name.c_str(), statement->sql.c_str(), 0, nullptr) != 1) return false;
    sent_.push_back({Sent::Kind::kPrepare, nullptr, statement});
  }
  if (PQsendQueryPrepared(connection_, statement->name.c_str(), count, values.data(), nullptr, nullptr, 0) != 1) {
    return false;
  }
  sent_.push_back({Sent::Kind::kRead, read});
  return true;
}

void PipelinedDatabase::on_ready(bool readable, bool writable) {
  if (connection_ == nullptr) return;
  if (connecting_) return continue_connect(readable, writable);
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
      if (front.read != nullptr) finish(front.read);  // the write is committed (or failed)
      continue;
    }
    if (raw == nullptr) {
      sent_.pop_front();
      if (front.kind == Sent::Kind::kRead && front.read->repeatable_) finish(front.read);
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
  close_connection();
  std::vector<Read*> waiting;
  std::vector<Read*> failed;
  for (const Sent& sent : std::exchange(sent_, {})) {
    if (sent.read == nullptr || is_listed(waiting, sent.read) || is_listed(failed, sent.read)) continue;
    // A sent write may have run: it is not repeated.
    (sent.read->repeatable_ ? waiting : failed).push_back(sent.read);
  }
  for (Read* read : std::exchange(to_send_, {})) waiting.push_back(read);
  // A read is harmless to repeat: each gets one more try, on a new
  // connection that the next flush opens; a second failure is final. A write
  // never sent goes too.
  for (Read* read : waiting) {
    if (read->resent_) {
      failed.push_back(read);
      continue;
    }
    read->resent_ = true;
    read->result_.reset();
    read->aborted_ = false;
    to_send_.push_back(read);
  }
  const auto error = unavailable(reason);
  for (Read* read : failed) fail(read, error);
}

PipelinedDatabases::PipelinedDatabases(std::size_t count, const std::string& connection_string,
                                       const std::vector<Statement>& statements, platform::Metrics& metrics,
                                       PipelinedDatabase::Timeouts timeouts) {
  for (std::size_t i = 0; i < count; ++i) {
    connections_.push_back(std::make_unique<PipelinedDatabase>(connection_string, statements, metrics, timeouts));
  }
}

PipelinedDatabase& PipelinedDatabases::least_busy() {
  PipelinedDatabase* best = connections_.front().get();
  for (const auto& connection : connections_) {
    if (connection->outstanding() < best->outstanding()) best = connection.get();
  }
  return *best;
}

std::vector<platform::EventSource*> PipelinedDatabases::sources() {
  std::vector<platform::EventSource*> sources;
  for (const auto& connection : connections_) sources.push_back(connection.get());
  return sources;
}

}  // namespace store
