// A second PostgreSQL connection per worker, in libpq's pipeline mode, for
// handlers that await their reads (platform/task.h). Every read requested in
// one turn of the worker's loop leaves in one write with one Sync, so one
// wake-up of PostgreSQL answers them all. Single statements only: a read
// whose connection broke is sent once more on a new one; a write is not (it
// may have run), and it is followed by a Sync of its own, so that nothing
// sent after it can roll it back, and it finishes only once committed.
//
// Nothing here blocks the worker's loop, and nothing waits without bound: a
// connection is opened with PQconnectStart/PQconnectPoll as the loop finds
// its socket ready (bounded by the connect timeout), and a read unanswered
// `read_timeout` after it was asked fails with 503, taking the connection
// with it when it was sent (a hung or frozen server answers nobody).
#pragma once

#include "platform/event_source.h"
#include "platform/metrics.h"
#include "store/database.h"
#include "store/reconnect_backoff.h"
#include "store/string_map.h"

#include <libpq-fe.h>

#include <chrono>
#include <coroutine>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace store {

// The rows of one read, as text.
class Rows {
 public:
  explicit Rows(std::shared_ptr<PGresult> result) : result_(std::move(result)) {}
  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  std::string_view text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  long long integer(int row, int column) const;  // throws std::runtime_error on a non-integer
  bool null(int row, int column) const { return PQgetisnull(result_.get(), row, column) == 1; }
  // The column of that name, or -1.
  int column(const char* name) const { return PQfnumber(result_.get(), name); }
  // The rows a write changed (its command tag's count).
  long long affected() const;

 private:
  std::shared_ptr<PGresult> result_;
};

class PipelinedDatabase : public platform::EventSource {
 public:
  struct Timeouts {
    std::chrono::milliseconds reconnect_interval;  // after a failed connect, no new one sooner
    std::chrono::milliseconds read;                // from a read's request to its answer
    std::chrono::milliseconds connect;             // from PQconnectStart to a usable connection
  };
  PipelinedDatabase(std::string connection_string, const std::vector<Statement>& statements, platform::Metrics& metrics,
                    Timeouts timeouts);
  ~PipelinedDatabase() override;
  PipelinedDatabase(const PipelinedDatabase&) = delete;
  PipelinedDatabase& operator=(const PipelinedDatabase&) = delete;

  // `co_await read(...)` gives the Rows of a prepared statement run with text
  // parameters, or throws: platform::DependencyError when PostgreSQL cannot
  // be reached, std::runtime_error for any other error.
  class Read {
   public:
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> awaiting);  // false: failed at once, resume now
    Rows await_resume();

   private:
    friend class PipelinedDatabase;
    Read(PipelinedDatabase& database, const Statement* statement, std::string sql, std::vector<std::string> parameters,
         bool repeatable)
        : database_(database),
          statement_(statement),
          sql_(std::move(sql)),
          parameters_(std::move(parameters)),
          repeatable_(repeatable) {}
    PipelinedDatabase& database_;
    const Statement* statement_;  // null: sql_ is sent unprepared
    std::string sql_;
    std::vector<std::string> parameters_;
    bool repeatable_;  // a read; a write is never sent twice
    std::coroutine_handle<> awaiting_;
    std::shared_ptr<PGresult> result_;
    std::exception_ptr error_;
    Clock::time_point asked_at_;
    // When it left: a server is judged hung by the time since then, not by
    // how long a busy loop took to send it.
    Clock::time_point sent_at_;
    bool aborted_ = false;  // an earlier read of its batch failed: send it again
    bool resent_ = false;
  };
  template <typename... Parameters>
  Read read(StatementName statement, const Parameters&... parameters) {
    // Built here, not in the coroutine: GCC 12 cannot hold an initializer list in a coroutine frame.
    return read_with(statement, std::vector<std::string>{std::string(parameters)...});
  }
  Read read_with(StatementName statement, std::vector<std::string> parameters);

  // `co_await write(...)`: one statement that changes rows (its RETURNING
  // rows, if any), committed when it returns. After a broken connection it
  // throws platform::DependencyError: whether it ran is unknown.
  template <typename... Parameters>
  Read write(StatementName statement, const Parameters&... parameters) {
    return write_with(statement, std::vector<std::string>{std::string(parameters)...});
  }
  Read write_with(StatementName statement, std::vector<std::string> parameters);

  // A read whose SQL is not prepared: a prepared statement may run a generic
  // plan, chosen without its parameters' values, and some queries are only
  // fast on the plan their values pick. PostgreSQL plans it on every run.
  template <typename... Parameters>
  Read read_unprepared(std::string sql, const Parameters&... parameters) {
    return read_unprepared_with(std::move(sql), std::vector<std::string>{std::string(parameters)...});
  }
  Read read_unprepared_with(std::string sql, std::vector<std::string> parameters);

  int fd() const override;
  bool wants_write() const override { return wants_write_; }
  void on_ready(bool readable, bool writable) override;
  void flush() override;
  // Reads waiting for a connection to open are not unsent: the loop waits for its socket.
  bool has_unsent() const override { return !to_send_.empty() && !connecting_; }
  // What waits on this connection (reads, and the syncs and prepares sent with them).
  std::size_t outstanding() const { return to_send_.size() + sent_.size(); }
  std::optional<Clock::time_point> deadline() const override;
  void expire() override;

 private:
  struct Sent {
    enum class Kind { kPrepare, kRead, kSync } kind;
    Read* read = nullptr;                 // for kSync: the write it commits, if any
    const Statement* prepared = nullptr;  // for kPrepare
  };

  bool start_connect();  // false: failed at once (or too soon after a failure), last_error_ says why
  void continue_connect(bool readable, bool writable);
  void connect_failed(const std::string& reason);
  void send_batch();
  bool send(Read* read);  // false: the connection broke
  void take_results();
  void finish(Read* read);
  void fail(Read* read, std::exception_ptr error);
  void broke(const std::string& reason);  // the connection is lost: resend or fail what waits on it
  void close_connection();
  std::exception_ptr unavailable(const std::string& reason) const;

  std::string connection_string_;
  StringMap<Statement> statements_;
  platform::Metrics& metrics_;
  ReconnectBackoff backoff_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds connect_timeout_;
  PGconn* connection_ = nullptr;
  bool connecting_ = false;  // connection_ is still being opened (PQconnectPoll)
  Clock::time_point connect_started_;
  std::unordered_set<std::string> prepared_;  // on this connection
  bool wants_write_ = false;
  std::vector<Read*> to_send_;
  std::deque<Sent> sent_;
  std::string last_error_;
};

// A few pipelined connections for reads that may run long: each read goes to
// the least busy one, so that a quick read of this kind seldom waits behind a
// slow one (a pipeline answers in order), without opening one per request.
class PipelinedDatabases {
 public:
  PipelinedDatabases(std::size_t count, const std::string& connection_string, const std::vector<Statement>& statements,
                     platform::Metrics& metrics, PipelinedDatabase::Timeouts timeouts);

  PipelinedDatabase& least_busy();
  // For the worker's loop.
  std::vector<platform::EventSource*> sources();

 private:
  std::vector<std::unique_ptr<PipelinedDatabase>> connections_;
};

}  // namespace store
