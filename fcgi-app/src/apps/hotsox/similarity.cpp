#include "apps/hotsox/similarity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>

namespace hotsox {

namespace {

std::uint16_t bigram(unsigned char first, unsigned char second) {
  return static_cast<std::uint16_t>(std::tolower(first) << 8 | std::tolower(second));
}

}  // namespace

double date_closeness(long long day_a, long long day_b) {
  const long long days = std::llabs(day_a - day_b);
  return days <= 60 ? (60.0 - static_cast<double>(days)) / 60.0 : 0.1;
}

double date_closeness(const platform::Date& a, const platform::Date& b) {
  return date_closeness(platform::days_from_civil(a), platform::days_from_civil(b));
}

double numeric_score(const SockNumbers& mine, const SockNumbers& other) {
  // weight × (1 − |a − b| / range) = weight − |a − b| × (weight / range): the
  // divisions are done once, here, not for each of a hundred thousand socks.
  static constexpr auto kSlopes = [] {
    std::array<double, std::size(kNumericTerms)> slopes{};
    for (std::size_t i = 0; i < slopes.size(); ++i) slopes[i] = kNumericTerms[i].weight / kNumericTerms[i].range;
    return slopes;
  }();
  static constexpr double kWeights = [] {
    double sum = 0;
    for (const NumericTerm& term : kNumericTerms) sum += term.weight;
    return sum;
  }();
  const int differences[] = {
      mine.color - other.color,
      mine.size - other.size,
      mine.type - other.type,
      mine.fabric - other.fabric,
      mine.condition - other.condition,
      mine.holes - other.holes,
      mine.age - other.age,
      mine.fabric_thickness - other.fabric_thickness,
      mine.kilometers - other.kilometers,
      mine.inoutdoor - other.inoutdoor,
      mine.washed - other.washed,
      mine.brand - other.brand,
  };
  static_assert(std::size(differences) == std::size(kNumericTerms));
  double score = -1 + kWeights;
  for (std::size_t i = 0; i < kSlopes.size(); ++i) score -= std::abs(differences[i]) * kSlopes[i];
  score += kJoiningDateWeight * date_closeness(mine.joining_day, other.joining_day);
  score += kSeparationDateWeight * date_closeness(mine.separation_day, other.separation_day);
  return score;
}

double text_similarity(std::string_view a, std::string_view b) {
  a = a.substr(0, kComparedTextBytes);
  b = b.substr(0, kComparedTextBytes);
  if (a.size() < 2 || b.size() < 2) {
    if (a.size() != b.size()) return 0;
    return a.empty() || std::tolower(static_cast<unsigned char>(a[0])) == std::tolower(static_cast<unsigned char>(b[0]))
               ? 1
               : 0;
  }
  std::unordered_map<std::uint16_t, int> counts;
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    ++counts[bigram(static_cast<unsigned char>(a[i]), static_cast<unsigned char>(a[i + 1]))];
  }
  std::size_t shared = 0;
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    auto found = counts.find(bigram(static_cast<unsigned char>(b[i]), static_cast<unsigned char>(b[i + 1])));
    if (found != counts.end() && found->second > 0) {
      --found->second;
      ++shared;
    }
  }
  return 2.0 * static_cast<double>(shared) / static_cast<double>(a.size() - 1 + b.size() - 1);
}

double similarity_score(const SockTraits& mine, const SockTraits& other) {
  return numeric_score(mine.numbers, other.numbers) + kSpecialWeight * text_similarity(mine.special, other.special) +
         kAboutWeight * text_similarity(mine.owner_about, other.owner_about);
}

std::optional<long long> best_candidate(const SockTraits& mine, const std::vector<SockTraits>& candidates) {
  std::optional<long long> best;
  double best_score = 0;
  for (const SockTraits& candidate : candidates) {
    const double score = similarity_score(mine, candidate);
    const long long id = candidate.numbers.id;
    if (!best || score > best_score || (score == best_score && id < *best)) {
      best = id;
      best_score = score;
    }
  }
  return best;
}

std::vector<NumericCandidate> contenders(std::vector<NumericCandidate> candidates) {
  if (candidates.empty()) return candidates;
  double best = candidates.front().score;
  for (const NumericCandidate& candidate : candidates) best = std::max(best, candidate.score);
  const double floor = best - kMaxTextScore - 1e-9;
  std::erase_if(candidates, [&](const NumericCandidate& candidate) { return candidate.score < floor; });
  std::sort(candidates.begin(), candidates.end(), [](const NumericCandidate& a, const NumericCandidate& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  return candidates;
}

}  // namespace hotsox
