// How alike two socks are: the next-sock score of SPEC.md § HotSox. Pure.
#pragma once

#include "platform/calendar.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
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
};

// Everything the score reads of a sock and its owner.
struct SockTraits {
  SockNumbers numbers;
  std::string special;      // the sock's info_special
  std::string owner_about;  // its owner's info_about
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
// Only the start of long texts is compared: an about text may be 2000 characters.
inline constexpr std::size_t kComparedTextBytes = 500;

// (60 − Δdays) / 60 within 60 days, else 0.1.
double date_closeness(long long day_a, long long day_b);
double date_closeness(const platform::Date& a, const platform::Date& b);

// −1 plus the numeric and date terms: everything but the texts.
double numeric_score(const SockNumbers& mine, const SockNumbers& other);

// Dice's coefficient over character bigrams (of bytes, case-folded for ASCII):
// 1 for equal texts, 0 when they share no pair; two empty texts are equal.
double text_similarity(std::string_view a, std::string_view b);

double similarity_score(const SockTraits& mine, const SockTraits& other);

// The candidate with the highest score; ties go to the lowest id. nullopt for
// no candidates.
std::optional<long long> best_candidate(const SockTraits& mine, const std::vector<SockTraits>& candidates);

// A candidate with its numeric score.
struct NumericCandidate {
  double score;
  long long id;
};
// Sorted best first (ties: lowest id), the candidates whose numeric score is
// within kMaxTextScore of the best: only these can win once texts count.
std::vector<NumericCandidate> contenders(std::vector<NumericCandidate> candidates);

// The winner among `contenders` (as contenders() returns them), as read by
// `fetch`: their traits are fetched in batches, best numeric score first, and
// scored exactly, until no contender left could catch up. A contender the
// fetch does not return (gone meanwhile) is skipped. nullopt when none is left.
template <typename Fetch>  // std::vector<SockTraits>(const std::vector<long long>& ids)
std::optional<SockNumbers> pick_best(const SockTraits& mine, const std::vector<NumericCandidate>& contenders,
                                     Fetch&& fetch, std::size_t batch_size = 32) {
  std::optional<SockNumbers> best;
  double best_score = 0;
  for (std::size_t start = 0; start < contenders.size(); start += batch_size) {
    // Numeric scores are recomputed from fresh rows; the margin covers sums
    // added in another order.
    if (best && contenders[start].score + kMaxTextScore + 1e-9 < best_score) break;
    std::vector<long long> ids;
    for (std::size_t i = start; i < contenders.size() && i < start + batch_size; ++i) ids.push_back(contenders[i].id);
    for (const SockTraits& candidate : fetch(ids)) {
      const double score = similarity_score(mine, candidate);
      if (!best || score > best_score || (score == best_score && candidate.numbers.id < best->id)) {
        best = candidate.numbers;
        best_score = score;
      }
    }
  }
  return best;
}

}  // namespace hotsox
