// GitHub users' SQL and cache.
#pragma once

#include "apps/github/profile.h"
#include "apps/github/profile_query.h"
#include "store/database.h"
#include "store/keydb.h"

#include <optional>
#include <string>
#include <vector>

namespace github {

std::vector<store::Statement> statements();

class ProfileStore {
 public:
  explicit ProfileStore(store::Database& db) : db_(db) {}

  long long count(const ProfileQuery& query);
  std::vector<Profile> page(const ProfileQuery& query, const platform::Page& page);

 private:
  store::Database& db_;
};

// Answers cached for 60 s under a key holding every normalized parameter and
// the seed's generation: a reseed moves every answer to a new key at once.
class AnswerCache {
 public:
  explicit AnswerCache(store::KeyDb& cache) : cache_(cache) {}

  // The cached answer, if any; remembers the generation for store().
  std::optional<std::string> find(const ProfileQuery& query);
  void store(const ProfileQuery& query, const std::string& answer);

  // A filtered search's exact count, shared by all its pages and both orders
  // (a 1- to 3-character term's count is a key read, but a longer term's is a
  // trigram scan of its matches: it is done once per minute).
  std::optional<long long> find_count(const ProfileQuery& query);
  void store_count(const ProfileQuery& query, long long count);

  // When several workers miss the same count at once (the entry expired under
  // load), one counts and the others wait up to a second for its answer
  // instead of all scanning the table. Returns the count if another worker
  // produced it; nullopt when this worker should count (and store_count after).
  std::optional<long long> claim_count(const ProfileQuery& query);

  static constexpr const char* kGenerationKey = "github:profiles:generation";

 private:
  std::string count_key(const ProfileQuery& query) const;

  store::KeyDb& cache_;
  std::string generation_ = "0";
};

}  // namespace github
