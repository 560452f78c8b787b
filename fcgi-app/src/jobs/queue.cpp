#include "jobs/queue.h"

#include "jobs/email.h"
#include "platform/access_log.h"

#include <algorithm>
#include <stdexcept>

namespace jobs {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kStreamLockShared{"jobs_stream_lock_shared"};
constexpr store::StatementName kStreamLock{"jobs_stream_lock"};
constexpr store::StatementName kOutboxTake{"jobs_outbox_take"};
constexpr store::StatementName kOutboxRelayed{"jobs_outbox_relayed"};
constexpr store::StatementName kOutboxRelayAgain{"jobs_outbox_relay_again"};
constexpr store::StatementName kOutboxFinished{"jobs_outbox_finished"};
constexpr store::StatementName kOutboxWaiting{"jobs_outbox_waiting"};

namespace {

// Relays hold it shared, the reset after a lost stream exclusively (see
// prepare()). Any constant, distinct from the one of `fcgi-app migrate`.
constexpr long long kStreamLockKey = 0x686f'7473'6f78'6a62;

// XACK, XDEL and the error note of a finished job, at once.
constexpr const char* kFinishScript =
    "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) "
    "redis.call('XDEL', KEYS[1], ARGV[2]) "
    "redis.call('HDEL', KEYS[2], ARGV[2]) "
    "return 1";
// A job that failed for good: into the dead letters with its last error, out
// of the stream, at once.
constexpr const char* kDeadLetterScript =
    "local reason = redis.call('HGET', KEYS[2], ARGV[2]) or '' "
    "redis.call('XADD', KEYS[3], '*', 'stream_id', ARGV[2], 'job_id', ARGV[3], 'kind', ARGV[4], "
    "  'payload', ARGV[5], 'attempts', ARGV[6], 'error', reason) "
    "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) "
    "redis.call('XDEL', KEYS[1], ARGV[2]) "
    "redis.call('HDEL', KEYS[2], ARGV[2]) "
    "return 1";

std::string text(const redisReply* reply) {
  if (reply == nullptr || (reply->type != REDIS_REPLY_STRING && reply->type != REDIS_REPLY_STATUS)) return "";
  return std::string(reply->str, reply->len);
}

void expect_no_error(const store::Reply& reply, const char* what) {
  if (reply->type == REDIS_REPLY_ERROR) throw std::runtime_error(std::string(what) + ": " + reply->str);
}

// One stream entry [id, [field, value, ...]] as a job; nullopt for an entry
// deleted meanwhile (XCLAIM answers nil for those).
std::optional<Job> job_of(const redisReply* entry, int attempt) {
  if (entry == nullptr || entry->type != REDIS_REPLY_ARRAY || entry->elements != 2) return std::nullopt;
  Job job;
  job.stream_id = text(entry->element[0]);
  job.attempt = attempt;
  const redisReply* fields = entry->element[1];
  if (fields == nullptr || fields->type != REDIS_REPLY_ARRAY) return std::nullopt;
  for (std::size_t i = 0; i + 1 < fields->elements; i += 2) {
    const std::string name = text(fields->element[i]);
    std::string value = text(fields->element[i + 1]);
    if (name == "job_id") {
      job.job_id = std::move(value);
    } else if (name == "kind") {
      job.kind = std::move(value);
    } else if (name == "payload") {
      job.payload = std::move(value);
    }
  }
  return job;
}

// XLEN: a missing stream (no job yet) has length 0.
double stream_length(store::KeyDb& keydb, const char* stream) {
  const auto reply = keydb.command({"XLEN", stream});
  expect_no_error(reply, "XLEN");
  return static_cast<double>(reply->integer);
}

}  // namespace

platform::Metrics::Collector queue_gauges(store::KeyDb& keydb) {
  return [&keydb] {
    // A finished or dead-lettered job is deleted from the stream: what is
    // left is waiting, running or due for a retry.
    return std::vector<platform::Metrics::Gauge>{
        {"fcgi_job_queue_depth", "Jobs in the stream: waiting, running or waiting to be retried.",
         stream_length(keydb, kStream)},
        {"fcgi_job_dead_letters", "Jobs that failed for good, kept in the dead-letter stream.",
         stream_length(keydb, kDeadLetters)},
    };
  };
}

std::vector<store::Statement> queue_statements() {
  return {
      {kStreamLockShared, "SELECT pg_advisory_xact_lock_shared($1)"},
      {kStreamLock, "SELECT pg_advisory_xact_lock($1)"},
      {kOutboxTake,
       "SELECT id, kind, payload::text FROM job_outbox WHERE relayed_at IS NULL ORDER BY id LIMIT 100 "
       "FOR UPDATE SKIP LOCKED"},
      {kOutboxRelayed, "UPDATE job_outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])"},
      {kOutboxRelayAgain, "UPDATE job_outbox SET relayed_at = NULL WHERE relayed_at IS NOT NULL"},
      {kOutboxFinished, "DELETE FROM job_outbox WHERE id = $1"},
      {kOutboxWaiting, "SELECT EXISTS (SELECT 1 FROM job_outbox WHERE id = $1)"},
  };
}

JobQueue::JobQueue(const Settings& settings, store::Database& db, store::KeyDb& keydb, std::string consumer)
    : settings_(settings), db_(db), keydb_(keydb), consumer_(std::move(consumer)) {}

// Rows relayed into a stream KeyDB has lost must be relayed again, but a row
// relayed into the new stream must not be, or its job would run twice:
// - A relay holds the lock shared from taking its rows until they are marked,
//   the reset exclusively: a relay half done when KeyDB lost the stream has
//   committed (so its rows are reset) or rolled back (so they were never marked).
// - Relays never create the stream (NOMKSTREAM), and prepare() creates it only
//   after the reset has committed: every row in the new stream was relayed
//   after the reset. A commit or a creation that fails leaves no stream, so the
//   next prepare() simply resets again.
// - Under the lock the group is checked again: when another worker has made
//   the new stream meanwhile, rows may already be relayed into it.
void JobQueue::prepare() {
  if (group_exists()) return;
  const int relay_again = db_.write([&](pqxx::work& tx) {
    tx.exec_prepared(kStreamLock, kStreamLockKey);
    if (group_exists()) return -1;
    return static_cast<int>(tx.exec_prepared(kOutboxRelayAgain).affected_rows());
  });
  if (relay_again < 0) return;
  const auto reply = keydb_.command({"XGROUP", "CREATE", kStream, kGroup, "0", "MKSTREAM"});
  if (reply->type == REDIS_REPLY_ERROR && std::string(reply->str).rfind("BUSYGROUP", 0) != 0) {
    throw std::runtime_error(std::string("cannot create the job group: ") + reply->str);
  }
  platform::log_event(relay_again > 0 ? "warning" : "info",
                      std::string("jobs: created the stream ") + kStream +
                          "; outbox rows to relay again: " + std::to_string(relay_again));
}

bool JobQueue::group_exists() {
  // NOGROUP: no stream, or a stream without the group.
  const auto reply = keydb_.command({"XPENDING", kStream, kGroup});
  if (reply->type == REDIS_REPLY_ERROR && std::string(reply->str).rfind("NOGROUP", 0) == 0) return false;
  expect_no_error(reply, "XPENDING");
  return true;
}

int JobQueue::relay() {
  return db_.write([&](pqxx::work& tx) {
    tx.exec_prepared(kStreamLockShared, kStreamLockKey);
    const auto rows = tx.exec_prepared(kOutboxTake);
    if (rows.empty()) return 0;
    std::string ids = "{";
    for (const auto& row : rows) {
      const std::string id = row[0].as<std::string>();
      const auto added = keydb_.command({"XADD", kStream, "NOMKSTREAM", "*", "job_id", id, "kind",
                                         row[1].as<std::string>(), "payload", row[2].as<std::string>()});
      expect_no_error(added, "XADD");
      if (added->type == REDIS_REPLY_NIL) throw std::runtime_error(std::string("the stream ") + kStream + " is gone");
      ids += (ids.size() > 1 ? "," : "") + id;
    }
    tx.exec_prepared(kOutboxRelayed, ids + "}");
    return static_cast<int>(rows.size());
  });
}

std::vector<Job> JobQueue::read_new(std::chrono::milliseconds block) {
  const auto reply = keydb_.command({"XREADGROUP", "GROUP", kGroup, consumer_, "COUNT", "10", "BLOCK",
                                     std::to_string(block.count()), "STREAMS", kStream, ">"});
  expect_no_error(reply, "XREADGROUP");
  std::vector<Job> jobs;
  if (reply->type != REDIS_REPLY_ARRAY) return jobs;  // nil: nothing within `block`
  for (std::size_t s = 0; s < reply->elements; ++s) {
    const redisReply* stream = reply->element[s];
    if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2) continue;
    const redisReply* entries = stream->element[1];
    for (std::size_t e = 0; e < entries->elements; ++e) {
      if (auto job = job_of(entries->element[e], 1)) jobs.push_back(std::move(*job));
    }
  }
  return jobs;
}

std::vector<Job> JobQueue::claim_due() {
  // A worker still sending must not lose its job to another: never reclaim
  // before a send could have timed out.
  const auto reclaim_after = [&](int deliveries) {
    return std::max(retry_delay(deliveries, settings_.retry_base),
                    settings_.smtp_timeout + std::chrono::milliseconds(1000));
  };
  const std::string shortest = std::to_string(reclaim_after(1).count());
  const auto pending = keydb_.command({"XPENDING", kStream, kGroup, "IDLE", shortest, "-", "+", "50"});
  expect_no_error(pending, "XPENDING");
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < pending->elements; ++i) {
    const redisReply* entry = pending->element[i];
    if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 4) continue;
    const std::string id = text(entry->element[0]);
    const long long idle = entry->element[2]->integer;
    const int deliveries = static_cast<int>(entry->element[3]->integer);
    const auto wait = reclaim_after(deliveries);
    if (idle < wait.count()) continue;
    // XCLAIM with the same minimum idle time: of two workers, one wins.
    const auto claimed = keydb_.command({"XCLAIM", kStream, kGroup, consumer_, std::to_string(wait.count()), id});
    expect_no_error(claimed, "XCLAIM");
    if (claimed->type != REDIS_REPLY_ARRAY || claimed->elements == 0) continue;
    auto job = job_of(claimed->element[0], deliveries + 1);
    if (!job) {  // deleted from the stream meanwhile: nothing left to do
      keydb_.command({"XACK", kStream, kGroup, id});
      continue;
    }
    if (deliveries >= kMaxAttempts) {
      job->attempt = deliveries;
      dead_letter(*job);
      continue;
    }
    jobs.push_back(std::move(*job));
  }
  return jobs;
}

bool JobQueue::still_to_run(const Job& job) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared1(kOutboxWaiting, job.job_id)[0].as<bool>(); });
}

void JobQueue::done(const Job& job) {
  expect_no_error(keydb_.command({"EVAL", kFinishScript, "2", kStream, kErrors, kGroup, job.stream_id}), "ack");
  forget(job);
}

void JobQueue::failed(const Job& job, const std::string& reason) {
  // Left pending: claim_due() tries it again after its back-off.
  keydb_.command({"HSET", kErrors, job.stream_id, reason});
  platform::log_event("warning", "job " + job.job_id + " (" + job.kind + ") failed, attempt " +
                                     std::to_string(job.attempt) + " of " + std::to_string(kMaxAttempts) + ": " +
                                     reason);
}

void JobQueue::dead_letter(const Job& job) {
  expect_no_error(keydb_.command({"EVAL", kDeadLetterScript, "3", kStream, kErrors, kDeadLetters, kGroup, job.stream_id,
                                  job.job_id, job.kind, job.payload, std::to_string(job.attempt)}),
                  "dead letter");
  platform::log_event("error", "job " + job.job_id + " (" + job.kind + ") failed " + std::to_string(job.attempt) +
                                   " times: moved to " + kDeadLetters);
  forget(job);
}

void JobQueue::forget(const Job& job) {
  // The job is finished in KeyDB whatever happens here. A row left behind
  // (PostgreSQL away) only runs the job once more, with the same job id, should
  // KeyDB ever lose the stream.
  try {
    db_.write([&](pqxx::work& tx) { tx.exec_prepared(kOutboxFinished, job.job_id); });
  } catch (const std::exception& error) {
    platform::log_event("warning", "job " + job.job_id + " is finished but its outbox row stays: " + error.what());
  }
}

}  // namespace jobs
