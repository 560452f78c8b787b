#include "commands/github_profiles_load.h"

#include "apps/github/profile_store.h"
#include "apps/github/term_counts.h"

#include <libpq-fe.h>
#include <unistd.h>
#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace commands {

namespace {

class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), terminal_(isatty(STDERR_FILENO) != 0) {}
  void update(std::size_t done) {
    if (!terminal_ || total_ == 0) return;
    const std::size_t percent = done * 100 / total_;
    if (percent == last_ && done != total_) return;
    last_ = percent;
    std::fprintf(stderr, "\r[%-40s] %3zu%% %zu/%zu rows", std::string(percent * 40 / 100, '#').c_str(), percent, done,
                 total_);
    if (done == total_) std::fputc('\n', stderr);
  }

 private:
  std::size_t total_;
  bool terminal_;
  std::size_t last_ = 101;
};

// The rows as COPY text, in chunks of about 1 MB, handed from the thread that
// formats them to the one that sends them: formatting overlaps the server's parsing.
class ChunkQueue {
 public:
  struct Chunk {
    std::string text;
    std::size_t rows_done;  // rows formatted up to the end of this chunk
  };
  // False when the sender gave up: there is no point making more.
  bool push(Chunk chunk) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return chunks_.size() < kMaxQueued || abandoned_; });
    if (abandoned_) return false;
    chunks_.push_back(std::move(chunk));
    ready_.notify_one();
    return true;
  }
  void finish() {
    std::lock_guard lock(mutex_);
    finished_ = true;
    ready_.notify_one();
  }
  // The sender gave up (an error): the formatter stops waiting for room.
  void abandon() {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
    room_.notify_all();
  }
  std::optional<Chunk> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !chunks_.empty() || finished_; });
    if (chunks_.empty()) return std::nullopt;
    Chunk chunk = std::move(chunks_.front());
    chunks_.pop_front();
    room_.notify_one();
    return chunk;
  }

 private:
  static constexpr std::size_t kMaxQueued = 8;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<Chunk> chunks_;
  bool finished_ = false;
  bool abandoned_ = false;
};

void format_rows(ProfileRows& rows, github::TermCounter& terms, ChunkQueue& queue) {
  constexpr std::size_t kChunkBytes = 1 << 20;
  std::size_t done = 0;
  while (done < rows.total()) {
    std::string text;
    text.reserve(kChunkBytes + 512);
    done = rows.append(text, kChunkBytes, terms);
    if (!queue.push({std::move(text), done})) break;
  }
  queue.finish();
}

using RawConnection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

void run_raw(PGconn* connection, const std::string& sql, ExecStatusType expected) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection, sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != expected) throw std::runtime_error(PQerrorMessage(connection));
}

// Loads the rows into a new table github_users_load, committed but not yet in
// use, and counts their short terms. COPY straight through libpq (libpqxx 6.4
// sends one row per call) with FREEZE: the table is new in this transaction,
// so its rows need no later vacuum. The rows are made (generated, formatted,
// counted) on a second thread while the server parses the previous chunk.
void load_rows(const std::string& database_url, ProfileRows& rows, github::TermCounter& terms) {
  RawConnection connection(PQconnectdb(database_url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(connection.get()));
  // A load takes as long as it takes (the app's default timeout is for requests).
  run_raw(connection.get(), "SET statement_timeout = 0", PGRES_COMMAND_OK);
  run_raw(connection.get(), "SET client_min_messages = warning", PGRES_COMMAND_OK);
  run_raw(connection.get(), "BEGIN", PGRES_COMMAND_OK);
  run_raw(connection.get(), "DROP TABLE IF EXISTS github_users_load", PGRES_COMMAND_OK);
  run_raw(connection.get(),
          "CREATE TABLE github_users_load (LIKE github_users INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
          PGRES_COMMAND_OK);
  run_raw(connection.get(),
          "COPY github_users_load (id, username, image_url, type, profile_url, id_rank, type_rank) "
          "FROM STDIN WITH (FREEZE)",
          PGRES_COPY_IN);
  ChunkQueue queue;
  std::thread formatter([&] { format_rows(rows, terms, queue); });
  Progress progress(rows.total());
  try {
    while (auto chunk = queue.pop()) {
      if (PQputCopyData(connection.get(), chunk->text.data(), static_cast<int>(chunk->text.size())) != 1) {
        throw std::runtime_error(PQerrorMessage(connection.get()));
      }
      progress.update(chunk->rows_done);
    }
  } catch (...) {
    queue.abandon();
    formatter.join();
    throw;
  }
  formatter.join();
  progress.update(rows.total());
  if (PQputCopyEnd(connection.get(), nullptr) != 1) throw std::runtime_error(PQerrorMessage(connection.get()));
  std::unique_ptr<PGresult, decltype(&PQclear)> copied(PQgetResult(connection.get()), &PQclear);
  if (PQresultStatus(copied.get()) != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(connection.get()));
  while (PGresult* rest = PQgetResult(connection.get())) PQclear(rest);
  run_raw(connection.get(), "COMMIT", PGRES_COMMAND_OK);
}

// PostgreSQL's text form of an integer array: {1,2,3}.
std::string array_text(const std::vector<std::uint32_t>& values) {
  std::string text = "{";
  for (const std::uint32_t value : values) {
    if (text.size() > 1) text.push_back(',');
    text += std::to_string(value);
  }
  text.push_back('}');
  return text;
}

// Writes the short terms' counts and first matches into a new table
// github_users_term_counts_load, swapped in with the rows (left empty when the
// counts are not exact: the app then counts and walks in SQL).
void load_term_counts(pqxx::transaction_base& tx, const github::TermCounter& terms) {
  tx.exec("DROP TABLE IF EXISTS github_users_term_counts_load");
  tx.exec("CREATE TABLE github_users_term_counts_load (LIKE github_users_term_counts INCLUDING ALL)");
  if (!terms.complete()) return;
  pqxx::stream_to stream(
      tx, "github_users_term_counts_load",
      std::vector<std::string>{"term", "total", "first_id_ranks", "first_type_ranks", "id_blocks", "type_blocks"});
  for (const github::CountedTerm& counted : terms.counts()) {
    stream << std::make_tuple(counted.term, counted.total, array_text(counted.first_id_ranks),
                              array_text(counted.first_type_ranks), array_text(counted.id_blocks),
                              array_text(counted.type_blocks));
  }
  stream.complete();
}

// Builds the indexes of github_users_load in two sessions at once: the trigram
// index (GIN, which PostgreSQL builds with one process) in one, the three
// B-trees and then the short terms' table in the other, without parallel
// workers: with the GIN build on one core, workers only compete for the rest
// (measured on 2 cores: the index step 9.4-10.9 s serial, 9.7-12.9 s with
// parallel workers, as much CPU). CREATE INDEX takes a SHARE lock, so the two
// do not wait for each other; the primary key is a plain unique index here and
// becomes the constraint at the swap (ALTER TABLE ADD PRIMARY KEY would lock
// the table against the other session).
void build_indexes(const std::string& database_url, const github::TermCounter& terms) {
  auto session = [&](std::vector<std::string> statements, bool with_terms) {
    return std::async(std::launch::async, [&database_url, &terms, with_terms, statements = std::move(statements)] {
      pqxx::connection connection(database_url);
      pqxx::nontransaction tx(connection);
      tx.exec("SET maintenance_work_mem = '256MB'");
      tx.exec("SET statement_timeout = 0");
      tx.exec("SET client_min_messages = warning");
      for (const std::string& statement : statements) tx.exec(statement);
      if (with_terms) load_term_counts(tx, terms);
    });
  };
  auto trigram = session(
      {"CREATE INDEX github_users_load_username_trgm ON github_users_load USING gin (lower(username) gin_trgm_ops)"},
      false);
  auto btrees = session({"SET max_parallel_maintenance_workers = 0",
                         "CREATE UNIQUE INDEX github_users_load_pkey ON github_users_load (id)",
                         "CREATE UNIQUE INDEX github_users_load_id_rank ON github_users_load (id_rank)",
                         "CREATE UNIQUE INDEX github_users_load_type_rank ON github_users_load (type_rank)"},
                        true);
  // Both finish before either error is rethrown: no session outlives this call.
  trigram.wait();
  btrees.wait();
  trigram.get();
  btrees.get();
}

// One transaction puts the loaded, indexed table in the old one's place, with
// the short terms' table and the total. Readers wait only for this swap; a
// failure before its commit leaves the old rows and counts.
void swap_in(pqxx::connection& connection, std::size_t total, const github::TermCounter& terms) {
  pqxx::work tx(connection);
  tx.exec("DROP TABLE github_users");
  tx.exec("ALTER TABLE github_users_load RENAME TO github_users");
  tx.exec("ALTER TABLE github_users ADD CONSTRAINT github_users_pkey PRIMARY KEY USING INDEX github_users_load_pkey");
  for (const char* index : {"id_rank", "type_rank", "username_trgm"}) {
    tx.exec(std::string("ALTER INDEX github_users_load_") + index + " RENAME TO github_users_" + index);
  }
  tx.exec("DROP TABLE github_users_term_counts");
  tx.exec("ALTER TABLE github_users_term_counts_load RENAME TO github_users_term_counts");
  tx.exec("ALTER INDEX github_users_term_counts_load_pkey RENAME TO github_users_term_counts_pkey");
  tx.exec("UPDATE github_users_meta SET total = " + std::to_string(total) + ", term_counts_ready = " +
          (terms.complete() ? "TRUE" : "FALSE") + ", rank_block = " + std::to_string(terms.block()));
  tx.commit();
}

double seconds_since(std::chrono::steady_clock::time_point& since) {
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - since).count();
  since = now;
  return seconds;
}

}  // namespace

// Replaces the profiles: load (and count the short terms), index, swap.
// Returns how long each step took, for the summary line.
std::string replace_profiles(const std::string& database_url, ProfileRows& rows) {
  char phases[128];
  double load = 0, index = 0, swap = 0;
  auto since = std::chrono::steady_clock::now();
  pqxx::connection connection(database_url);
  try {
    github::TermCounter terms(rows.total());
    load_rows(database_url, rows, terms);
    load = seconds_since(since);
    build_indexes(database_url, terms);
    index = seconds_since(since);
    swap_in(connection, rows.total(), terms);
    swap = seconds_since(since);
  } catch (...) {
    try {
      // The half-built load.
      pqxx::nontransaction(connection).exec("DROP TABLE IF EXISTS github_users_load, github_users_term_counts_load");
    } catch (const std::exception&) {
    }
    throw;
  }
  // The short terms are read by key: their arrays need no statistics (which took 0.6 s of CPU).
  pqxx::nontransaction(connection).exec("ANALYZE github_users, github_users_term_counts (term)");
  std::snprintf(phases, sizeof phases, "load %.1f s, indexes %.1f s, swap %.1f s, analyze %.1f s", load, index, swap,
                seconds_since(since));
  return phases;
}

}  // namespace commands
