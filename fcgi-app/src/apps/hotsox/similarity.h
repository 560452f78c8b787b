// How alike two socks are: the next-sock score of SPEC-hotsox.md § 3.1, as the
// original's PrePredictionAlgorithm computed it. Pure.
#pragma once

#include "platform/calendar.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotsox {

// The numbers the score reads of a sock: small enough that a worker keeps
// every sock's in memory (sock_index.h).
struct SockNumbers {
  long long id = 0;
  long long owner_id = 0;
  int color = 1, size = 1, type = 1, fabric = 1, condition = 1, holes = 0, age = 0, fabric_thickness = 1,
      kilometers = 0, inoutdoor = 1, washed = 0, brand = 1;
  long long joining_day = 0;  // days since 1970-01-01
  long long separation_day = 0;

  bool operator==(const SockNumbers&) const = default;
};

// Everything the score reads of a sock.
struct SockTraits {
  SockNumbers numbers;
  std::string special;  // the sock's info_special
  std::string about;    // the sock's own info_about

  bool operator==(const SockTraits&) const = default;
};

// weight × (1 − |a − b| / range) for each numeric attribute.
struct NumericTerm {
  const char* name;
  double weight;
  double range;
};
inline constexpr NumericTerm kNumericTerms[] = {
    {"color", 10, 10},       {"size", 8, 7},      {"type", 7, 9},   {"fabric", 6, 7},
    {"condition", 6, 12},    {"holes", 6, 10},    {"age", 5, 25},   {"fabric_thickness", 5, 7},
    {"kilometers", 4, 1000}, {"inoutdoor", 4, 9}, {"washed", 4, 7}, {"brand", 3, 12},
};
inline constexpr double kJoiningDateWeight = 5;
inline constexpr double kSeparationDateWeight = 2;
inline constexpr double kSpecialWeight = 2;
inline constexpr double kAboutWeight = 2;
// Both text terms together add at most this much to a score.
inline constexpr double kMaxTextScore = kSpecialWeight + kAboutWeight;
// The original's starting score, and the score a candidate must beat to be chosen.
inline constexpr double kStartScore = -1;

// (60 − Δdays) / 60 within 60 days, else 0.1.
double date_closeness(long long day_a, long long day_b);
double date_closeness(const platform::Date& a, const platform::Date& b);

// −1 plus the numeric and date terms: everything but the texts. Fast (for
// every sock of the index); may differ from similarity_score's sum in the last
// bits, as its terms are added in another order.
double numeric_score(const SockNumbers& mine, const SockNumbers& other);

// CPython's difflib.SequenceMatcher(None, a, b).ratio() over the Unicode code
// points of two UTF-8 texts: 2·M / (len a + len b), M the characters of the
// matching blocks its recursive longest-match search finds, with its
// autojunk heuristic (for b of 200 characters or more, characters occurring
// more than len(b)/100 + 1 times do not seed a match). 1 for two empty
// texts. Not symmetric.
double sequence_ratio(std::string_view a, std::string_view b);

// The original's score: from −1, each term added in its order (numbers, then
// dates, then info_special and info_about as sequence ratios of mine against
// the other's), so that equal sums tie exactly as they did.
double similarity_score(const SockTraits& mine, const SockTraits& other);

// The original's choice among candidates walked in ascending id: the first
// whose score beats every earlier one and −1; when none beats −1, the first
// candidate. nullopt for no candidates.
std::optional<long long> best_candidate(const SockTraits& mine, std::vector<SockTraits> candidates);

// A candidate with its numeric score.
struct NumericCandidate {
  double score;
  long long id;
};
// A contender with its whole score (similarity_score), texts included.
struct ScoredCandidate {
  SockNumbers numbers;
  double score;
};
// The contenders' order: the best numeric score first, ties by the lowest id.
inline bool ranks_before(const NumericCandidate& a, const NumericCandidate& b) {
  return a.score != b.score ? a.score > b.score : a.id < b.id;
}
// Sorted by ranks_before, the candidates whose numeric score is within
// kMaxTextScore of the best: only these can win once texts count.
std::vector<NumericCandidate> contenders(std::vector<NumericCandidate> candidates);

// choose_next's and pick_best's choice, one read at a time, for a caller
// that reads asynchronously: while next_read() names ids, read their traits
// (those still offered; any order) and give them to take(); once it names
// none, chosen() is the winner.
//
// First the contenders, in batches, best numeric score first, each scored
// exactly, until no contender left could catch up; only a score above −1
// wins (best_candidate's rule). A contender the read does not return (gone
// meanwhile) is skipped. Then, with the fallback and no winner, the lowest
// id of every candidate that a read still returns, as the original fell back
// to its first candidate.
class NextSockChoice {
 public:
  // Every candidate with its numeric score; `fallback`: choose_next's rule.
  NextSockChoice(const SockTraits& mine, std::vector<NumericCandidate> candidates, std::size_t batch_size,
                 bool fallback);
  // pick_best's: `contenders` as contenders() returns them, no fallback.
  static NextSockChoice among_contenders(const SockTraits& mine, std::vector<NumericCandidate> contenders,
                                         std::size_t batch_size);
  // The constructor's choice (with its fallback) from only the best
  // candidates: `best` is the start of every candidate in contenders()'
  // order, and each candidate left out scores at most `unlisted_at_most`.
  // When they do not settle it (the choice would read on, or fall back to
  // the lowest id of every candidate), it ends with complete() false: then
  // choose again from every candidate.
  // `scored` (ascending id): contenders whose whole score is known already,
  // for the same sock on the same index: they are not read again.
  static NextSockChoice among_best(const SockTraits& mine, std::vector<NumericCandidate> best, double unlisted_at_most,
                                   std::size_t batch_size, std::vector<ScoredCandidate> scored = {});

  // The ids whose traits to read next; empty once the choice is made.
  std::vector<long long> next_read();
  // The traits read for next_read()'s ids.
  void take(const std::vector<SockTraits>& read);
  const std::optional<SockNumbers>& chosen() const { return best_; }
  bool complete() const { return complete_; }
  // The contenders this choice read and scored.
  const std::vector<ScoredCandidate>& newly_scored() const { return newly_scored_; }

 private:
  enum class Phase { kContenders, kLowestId, kDone };
  NextSockChoice(SockTraits mine, std::size_t batch_size) : mine_(std::move(mine)), batch_size_(batch_size) {}

  SockTraits mine_;
  std::size_t batch_size_;
  std::vector<NumericCandidate> contenders_;  // best first
  std::vector<long long> ascending_;          // every candidate, for the fallback
  Phase phase_ = Phase::kContenders;
  std::size_t next_ = 0;  // the first of the next batch, in the phase's list
  std::optional<SockNumbers> best_;
  double best_score_ = kStartScore;
  void consider(const SockNumbers& candidate, double score);
  std::optional<double> unlisted_at_most_;  // among_best's
  std::vector<ScoredCandidate> known_;      // among_best's, ascending id
  std::vector<ScoredCandidate> newly_scored_;
  bool complete_ = true;
};

// The winner among `contenders` (as contenders() returns them), as read by
// `fetch` (NextSockChoice without its fallback); nullopt when none scores above −1.
template <typename Fetch>  // std::vector<SockTraits>(const std::vector<long long>& ids)
std::optional<SockNumbers> pick_best(const SockTraits& mine, std::vector<NumericCandidate> contenders, Fetch&& fetch,
                                     std::size_t batch_size = 32) {
  NextSockChoice choice = NextSockChoice::among_contenders(mine, std::move(contenders), batch_size);
  for (auto ids = choice.next_read(); !ids.empty(); ids = choice.next_read()) choice.take(fetch(ids));
  return choice.chosen();
}

// The next sock among `candidates` (every candidate with its numeric score),
// as read by `fetch`: NextSockChoice with its fallback.
template <typename Fetch>
std::optional<SockNumbers> choose_next(const SockTraits& mine, std::vector<NumericCandidate> candidates, Fetch&& fetch,
                                       std::size_t batch_size = 32) {
  NextSockChoice choice(mine, std::move(candidates), batch_size, true);
  for (auto ids = choice.next_read(); !ids.empty(); ids = choice.next_read()) choice.take(fetch(ids));
  return choice.chosen();
}

}  // namespace hotsox
