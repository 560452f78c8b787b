// A second KeyDB connection per worker for handlers that await their
// commands (platform/task.h): every command requested in one turn of the
// worker's loop leaves in one write, and KeyDB answers them in order. A
// command unanswered after REDIS_COMMAND_TIMEOUT_MS fails, and with it the
// connection. Nothing is repeated: after a broken connection, whether KeyDB
// ran a write is unknown, so the command throws platform::DependencyError
// (the caller decides: a cache read falls back, a write fails with 503).
// Keys the worker near-caches are read from its memory first.
#pragma once

#include "platform/config.h"
#include "platform/event_source.h"
#include "platform/metrics.h"
#include "platform/task.h"
#include "store/keydb.h"
#include "store/keydb_connection.h"
#include "store/reconnect_backoff.h"

#include <chrono>
#include <coroutine>
#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace store {

class PipelinedKeyDb : public platform::EventSource {
 public:
  // `near_cached` is the worker's blocking connection, whose near cache
  // forgets a key this connection writes.
  PipelinedKeyDb(const platform::Config& config, platform::Metrics& metrics, KeyDb& near_cached);

  // `co_await exchange(key, value)`: SET … GET, the value `key` held before
  // (nullopt when none). A failed connection or an error reply throws
  // platform::DependencyError.
  platform::Task<std::optional<std::string>> exchange(std::string key, std::string value);

  // `co_await exchange_while(key, value, guard_key, guard_value)`: the same
  // swap, done only while `guard_key` holds `guard_value`, atomically (a
  // script). Either what `key` held before, or what `guard_key` holds instead.
  struct GuardedExchange {
    bool done = false;
    std::optional<std::string> previous;  // done: the value `key` held (nullopt: none)
    std::optional<std::string> guard;     // not done: the value `guard_key` holds (nullopt: none)
  };
  platform::Task<GuardedExchange> exchange_while(std::string key, std::string value, std::string guard_key,
                                                 std::string guard_value);

  // The same as KeyDb's operations of these names, awaited.
  platform::Task<void> set(std::string key, std::string value);
  platform::Task<std::optional<std::string>> get(std::string key);
  // MGET: the value of each key, in order (nullopt: none), in one round trip;
  // never from the near cache.
  platform::Task<std::vector<std::optional<std::string>>> get_many(std::vector<std::string> keys);
  // get_many, and when none of `keys` holds a value, SET `claim_key` NX EX
  // `ttl` in the same round trip (a script): who misses first computes the
  // value, and the others know to wait for it.
  struct ValuesOrClaim {
    std::vector<std::optional<std::string>> values;
    std::optional<bool> claimed;  // nullopt: a value was there, no claim tried
  };
  platform::Task<ValuesOrClaim> get_many_or_claim(std::vector<std::string> keys, std::string claim_key,
                                                  std::chrono::seconds ttl);
  platform::Task<void> set_with_ttl(std::string key, std::string value, std::chrono::seconds ttl);
  // SET NX, with EX when `ttl` is given: true when this call stored the value.
  platform::Task<bool> set_if_absent(std::string key, std::string value,
                                     std::optional<std::chrono::seconds> ttl = std::nullopt);
  // A copy of a value whose source of truth is elsewhere (a PostgreSQL row),
  // exact for every reader once its writer has answered. `key` holds
  // "<writes in flight> <version> <value>", and every write draws a larger
  // version where the truth is kept. A writer marks its write in flight
  // (mark_write) while it commits, and settles it after (settle_write: one
  // write fewer in flight, its value kept if its version is the newest); a
  // reader that missed fills the copy (fill_copy) only while no write is in
  // flight, and only with a newer version; a copy is usable only while no
  // write is in flight (settled_value). So a writer can answer once its write
  // is marked and committed, both sent at once, and a reader that read the
  // truth before a commit never leaves that older value behind. Each call
  // sets EX `ttl`: a write whose settle never comes (its writer or KeyDB
  // failed) keeps readers on the truth until then.
  platform::Task<void> mark_write(std::string key, std::chrono::seconds ttl);
  platform::Task<void> settle_write(std::string key, long long version, std::string value, std::chrono::seconds ttl);
  platform::Task<void> fill_copy(std::string key, long long version, std::string value, std::chrono::seconds ttl);
  // The value of a copy that no write is in flight for; nullopt otherwise
  // (then the truth is read).
  static std::optional<std::string_view> settled_value(std::string_view copy);
  // Deletes `key` only while it still holds `value`; true when it did.
  platform::Task<bool> delete_if_equals(std::string key, std::string value);
  platform::Task<void> del(std::string key);

  int fd() const override { return context_ ? context_->fd : -1; }
  bool wants_write() const override { return wants_write_; }
  void on_ready(bool readable, bool writable) override;
  void flush() override;
  bool has_unsent() const override { return !to_send_.empty(); }
  std::optional<Clock::time_point> deadline() const override;
  void expire() override;

 private:
  // `co_await write(key, arguments)` gives the reply (an error reply is a
  // reply), or throws platform::DependencyError. A write makes the near
  // cache forget its key; a read (empty key) does not.
  class Write {
   public:
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> awaiting);  // false: failed at once, resume now
    Reply await_resume();

   private:
    friend class PipelinedKeyDb;
    Write(PipelinedKeyDb& keydb, std::string key, std::vector<std::string> arguments)
        : keydb_(keydb), key_(std::move(key)), arguments_(std::move(arguments)) {}
    PipelinedKeyDb& keydb_;
    std::string key_;
    std::vector<std::string> arguments_;
    std::coroutine_handle<> awaiting_;
    Reply reply_;
    std::exception_ptr error_;
  };
  template <typename... Arguments>
  Write write(std::string_view key, const Arguments&... arguments) {
    // Built here, not in the coroutine: GCC 12 cannot hold an initializer list in a coroutine frame.
    return write_with(key, std::vector<std::string>{std::string(arguments)...});
  }
  Write write_with(std::string_view key, std::vector<std::string> arguments);
  template <typename... Arguments>
  Write read(const Arguments&... arguments) {
    return write_with({}, std::vector<std::string>{std::string(arguments)...});
  }
  void checked(const Reply& reply, const char* what);  // an error reply throws platform::DependencyError

  struct Sent {
    Write* write;
    Clock::time_point at;
  };
  bool connect();  // false: failed, last_error_ says why
  void write_buffer();
  void broke(const std::string& reason);
  void fail(Write* write, std::exception_ptr error);

  KeyDbSettings settings_;
  platform::Metrics& metrics_;
  KeyDb& near_cached_;
  ReconnectBackoff backoff_;
  ContextPtr context_;
  bool wants_write_ = false;
  std::vector<Write*> to_send_;
  std::deque<Sent> sent_;
  std::string last_error_;
};

}  // namespace store
