// GitHub users' SQL and cache.
#pragma once

#include "apps/github/kept_answers.h"
#include "apps/github/profile.h"
#include "apps/github/profile_query.h"
#include "platform/task.h"
#include "platform/timers.h"
#include "store/database.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace github {

std::vector<store::Statement> statements();

// Where a walk to a page past a short term's listed matches starts: after the
// rank `after_rank`, with `skipped` of the term's matches at or before it.
struct WalkStart {
  long long after_rank = 0;
  long long skipped = 0;
};

struct CountedPage {
  explicit CountedPage(long long total_count = 0, std::optional<std::vector<Profile>> page_profiles = std::nullopt)
      : total(total_count), profiles(std::move(page_profiles)) {}

  long long total = 0;
  std::optional<std::vector<Profile>> profiles;  // nullopt: still to read (ProfileStore::page)
  // Read with a short term's count, for page(): the table's rows, and where
  // a walk to a page past the listed matches starts.
  std::optional<long long> table_rows;
  WalkStart walk_start;
};

// On the pipelined connections: key lookups on `quick`, the searches that
// may walk many rows on `long_reads`, where they hold up no quick read.
class ProfileStore {
 public:
  ProfileStore(store::PipelinedDatabase& quick, store::PipelinedDatabases& long_reads)
      : quick_(quick), long_reads_(long_reads) {}

  // The count when a key read finds it (the id's row, the table's total, a
  // short term's count made by the seed), with the page when that read holds
  // it too. nullopt: count_and_page must count.
  platform::Task<std::optional<CountedPage>> count_by_key(ProfileQuery query);
  // Whether count_by_key may find the count (it still may not: a term the
  // seed did not count).
  static bool may_count_by_key(const ProfileQuery& query);
  // A search count_by_key cannot count: every match (by trigram) counted,
  // and the asked page among them, in one scan.
  platform::Task<CountedPage> count_and_page(ProfileQuery query);
  // The page's profiles when `counted` (the count's read) does not hold them.
  platform::Task<std::vector<Profile>> page(ProfileQuery query, platform::Page page, CountedPage counted);

 private:
  // The matches of `matches` (SQL on $1, the term) counted, and the asked page among them.
  platform::Task<CountedPage> counted_page(std::string matches, ProfileQuery query);

  store::PipelinedDatabase& quick_;
  store::PipelinedDatabases& long_reads_;
};

// Answers cached for 60 s under a key holding every normalized parameter and
// the seed's generation: a reseed moves every answer to a new key at once.
// An answer read from KeyDB is also kept in the worker's memory (kept_answers.h).
class AnswerCache {
 public:
  AnswerCache(store::PipelinedKeyDb& cache, platform::Timers& timers, KeptAnswers& kept)
      : cache_(cache), timers_(timers), kept_(kept) {}

  // The cached answer if any, else the search's count if counted in the last
  // minute (one round trip for both); remembers the generation for store().
  // With `claim` (a count that ProfileStore::count_by_key cannot read), a miss
  // of both also claims the count in the same round trip (claim_count).
  struct Cached {
    std::optional<std::string> answer;
    std::optional<long long> count;
    std::optional<bool> claimed;  // nullopt: not tried; true: this worker is to count
  };
  platform::Task<Cached> find(ProfileQuery query, bool claim);
  platform::Task<void> store(ProfileQuery query, std::string answer);

  // The exact count of a search that ProfileStore::count_by_key cannot read
  // (a trigram scan of its matches), shared by all its pages and both orders:
  // done once per minute.
  platform::Task<std::optional<long long>> find_count(ProfileQuery query);
  platform::Task<void> store_count(ProfileQuery query, long long count);

  // When several workers miss the same count at once (the entry expired under
  // load), one counts and the others wait up to a second for its answer
  // instead of all scanning the table (polling every 10 ms, serving other
  // requests meanwhile). Returns the count if another worker produced it;
  // nullopt when this worker should count (and store_count after). `claimed`
  // is find()'s claim, if it tried one.
  platform::Task<std::optional<long long>> claim_count(ProfileQuery query, std::optional<bool> claimed);

  static constexpr const char* kGenerationKey = "github:profiles:generation";

 private:
  std::string answer_key(const std::string& normalized_query) const;
  std::string count_key(const ProfileQuery& query) const;
  std::string counting_key(const ProfileQuery& query) const;  // the claim on it

  store::PipelinedKeyDb& cache_;
  platform::Timers& timers_;
  KeptAnswers& kept_;
  std::string generation_ = "0";
};

}  // namespace github
