// The job stream in KeyDB: the outbox relay that fills it, a consumer group
// that reads it, retries that wait longer each time, and the dead letters.
#pragma once

#include "jobs/settings.h"
#include "platform/metrics.h"
#include "store/database.h"
#include "store/keydb.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jobs {

inline constexpr const char* kStream = "jobs:stream";
inline constexpr const char* kDeadLetters = "jobs:dead";
inline constexpr const char* kErrors = "jobs:errors";  // last error of each pending job
inline constexpr const char* kGroup = "workers";

std::vector<store::Statement> queue_statements();

// The job stream's gauges for /api/metrics: jobs in the stream (waiting,
// running or waiting to be retried) and dead letters. Always both, 0 when
// idle. Reads through `keydb`, which must outlive the metrics' use of them.
platform::Metrics::Collector queue_gauges(store::KeyDb& keydb);

struct Job {
  std::string stream_id;  // the entry in kStream
  std::string job_id;     // the outbox row it came from: stable across duplicates
  std::string kind;
  std::string payload;  // JSON
  int attempt = 1;      // this delivery's number
};

class JobQueue {
 public:
  JobQueue(const Settings& settings, store::Database& db, store::KeyDb& keydb, std::string consumer);

  // Makes sure the stream and its group exist. When they are missing (the
  // first start, or a KeyDB that lost its data) every outbox row relayed so
  // far is marked unrelayed first, so that its unfinished job is relayed again.
  void prepare();
  // Copies committed outbox rows not yet relayed into the stream and marks
  // them relayed, in one transaction: a job reaches the stream at least once,
  // and a crash in between only adds it twice (same job_id; still_to_run()
  // tells the second entry once the first has run). Throws when the
  // stream is gone. Returns how many were relayed.
  int relay();
  // New jobs for this consumer, waiting up to `block` for one.
  std::vector<Job> read_new(std::chrono::milliseconds block);
  // Jobs whose last delivery failed or whose worker died, once they have
  // waited their back-off, now claimed by this consumer; and jobs that failed
  // kMaxAttempts times, moved to the dead-letter stream instead.
  std::vector<Job> claim_due();
  // False when the job's outbox row is gone: the job was finished through
  // another entry of the stream (a relay that died before its commit added it
  // twice), and needs only acknowledging with done().
  bool still_to_run(const Job& job);
  // Acknowledged and out of the stream, then its outbox row deleted.
  void done(const Job& job);
  void failed(const Job& job, const std::string& reason);

 private:
  bool group_exists();
  void dead_letter(const Job& job);
  // Deletes the outbox row of a finished job.
  void forget(const Job& job);

  const Settings& settings_;
  store::Database& db_;
  store::KeyDb& keydb_;
  std::string consumer_;
};

}  // namespace jobs
