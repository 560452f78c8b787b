#include "apps/hotsox/similarity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hotsox {

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

namespace {

// Code points of UTF-8 text; a byte that starts no valid sequence stands for itself.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    bool valid = length > 0 && i + length <= text.size();
    char32_t point = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) valid = false;
      point = (point << 6) | (next & 0x3F);
    }
    if (!valid) {
      out.push_back(lead);
      ++i;
      continue;
    }
    out.push_back(point);
    i += length;
  }
  return out;
}

// difflib.SequenceMatcher with isjunk None: b2j without its popular elements.
class SequenceMatcher {
 public:
  SequenceMatcher(std::u32string a, std::u32string b) : a_(std::move(a)), b_(std::move(b)) {
    for (std::size_t j = 0; j < b_.size(); ++j) b2j_[b_[j]].push_back(j);
    if (b_.size() >= 200) {  // autojunk
      const std::size_t most = b_.size() / 100 + 1;
      std::erase_if(b2j_, [&](const auto& entry) { return entry.second.size() > most; });
    }
  }

  // The characters of all matching blocks (get_matching_blocks, summed).
  std::size_t matched() const {
    struct Range {
      std::size_t alo, ahi, blo, bhi;
    };
    std::size_t total = 0;
    std::vector<Range> queue{{0, a_.size(), 0, b_.size()}};
    while (!queue.empty()) {
      const Range r = queue.back();
      queue.pop_back();
      const auto [i, j, k] = longest_match(r.alo, r.ahi, r.blo, r.bhi);
      if (k == 0) continue;
      total += k;
      if (r.alo < i && r.blo < j) queue.push_back({r.alo, i, r.blo, j});
      if (i + k < r.ahi && j + k < r.bhi) queue.push_back({i + k, r.ahi, j + k, r.bhi});
    }
    return total;
  }

 private:
  struct Block {
    std::size_t i, j, size;
  };

  // find_longest_match: the longest block of a[alo:ahi] and b[blo:bhi] seeded
  // by non-popular characters (ties: earliest in a, then in b), then extended
  // over equal neighbours (no character is junk, so popular ones extend too).
  Block longest_match(std::size_t alo, std::size_t ahi, std::size_t blo, std::size_t bhi) const {
    std::size_t best_i = alo, best_j = blo, best_size = 0;
    std::unordered_map<std::size_t, std::size_t> j2len;
    std::unordered_map<std::size_t, std::size_t> next;
    for (std::size_t i = alo; i < ahi; ++i) {
      next.clear();
      const auto found = b2j_.find(a_[i]);
      if (found != b2j_.end()) {
        for (const std::size_t j : found->second) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const auto previous = j > 0 ? j2len.find(j - 1) : j2len.end();
          const std::size_t k = (previous == j2len.end() ? 0 : previous->second) + 1;
          next[j] = k;
          if (k > best_size) {
            best_i = i + 1 - k;
            best_j = j + 1 - k;
            best_size = k;
          }
        }
      }
      std::swap(j2len, next);
    }
    while (best_i > alo && best_j > blo && a_[best_i - 1] == b_[best_j - 1]) {
      --best_i;
      --best_j;
      ++best_size;
    }
    while (best_i + best_size < ahi && best_j + best_size < bhi && a_[best_i + best_size] == b_[best_j + best_size]) {
      ++best_size;
    }
    return {best_i, best_j, best_size};
  }

  std::u32string a_;
  std::u32string b_;
  std::unordered_map<char32_t, std::vector<std::size_t>> b2j_;
};

}  // namespace

double sequence_ratio(std::string_view a, std::string_view b) {
  std::u32string first = code_points(a);
  std::u32string second = code_points(b);
  const std::size_t length = first.size() + second.size();
  if (length == 0) return 1.0;
  const SequenceMatcher matcher(std::move(first), std::move(second));
  return 2.0 * static_cast<double>(matcher.matched()) / static_cast<double>(length);
}

double similarity_score(const SockTraits& mine, const SockTraits& other) {
  const SockNumbers& m = mine.numbers;
  const SockNumbers& o = other.numbers;
  const int values[][2] = {
      {m.color, o.color},
      {m.size, o.size},
      {m.type, o.type},
      {m.fabric, o.fabric},
      {m.condition, o.condition},
      {m.holes, o.holes},
      {m.age, o.age},
      {m.fabric_thickness, o.fabric_thickness},
      {m.kilometers, o.kilometers},
      {m.inoutdoor, o.inoutdoor},
      {m.washed, o.washed},
      {m.brand, o.brand},
  };
  static_assert(std::size(values) == std::size(kNumericTerms));
  double score = kStartScore;
  for (std::size_t i = 0; i < std::size(values); ++i) {
    const double ratio = 1 - static_cast<double>(std::abs(values[i][0] - values[i][1])) / kNumericTerms[i].range;
    score += kNumericTerms[i].weight * ratio;
  }
  score += kJoiningDateWeight * date_closeness(m.joining_day, o.joining_day);
  score += kSeparationDateWeight * date_closeness(m.separation_day, o.separation_day);
  score += kSpecialWeight * sequence_ratio(mine.special, other.special);
  score += kAboutWeight * sequence_ratio(mine.about, other.about);
  return score;
}

std::optional<long long> best_candidate(const SockTraits& mine, std::vector<SockTraits> candidates) {
  if (candidates.empty()) return std::nullopt;
  std::sort(candidates.begin(), candidates.end(),
            [](const SockTraits& a, const SockTraits& b) { return a.numbers.id < b.numbers.id; });
  long long best = candidates.front().numbers.id;
  double best_score = kStartScore;
  for (const SockTraits& candidate : candidates) {
    const double score = similarity_score(mine, candidate);
    if (score > best_score) {
      best = candidate.numbers.id;
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
  std::sort(candidates.begin(), candidates.end(), ranks_before);
  return candidates;
}

NextSockChoice::NextSockChoice(const SockTraits& mine, std::vector<NumericCandidate> candidates, std::size_t batch_size,
                               bool fallback)
    : NextSockChoice(mine, batch_size) {
  if (fallback) {
    ascending_.reserve(candidates.size());
    for (const NumericCandidate& candidate : candidates) ascending_.push_back(candidate.id);
  }
  contenders_ = contenders(std::move(candidates));
}

NextSockChoice NextSockChoice::among_contenders(const SockTraits& mine, std::vector<NumericCandidate> contenders,
                                                std::size_t batch_size) {
  NextSockChoice choice(mine, batch_size);
  choice.contenders_ = std::move(contenders);
  return choice;
}

NextSockChoice NextSockChoice::among_best(const SockTraits& mine, std::vector<NumericCandidate> best,
                                          double unlisted_at_most, std::size_t batch_size,
                                          std::vector<ScoredCandidate> scored) {
  NextSockChoice choice(mine, batch_size);
  choice.known_ = std::move(scored);
  const std::size_t listed = best.size();
  choice.contenders_ = contenders(std::move(best));
  // Some listed fell below the contenders' floor: so does every unlisted one.
  if (choice.contenders_.size() == listed) choice.unlisted_at_most_ = unlisted_at_most;
  return choice;
}

std::vector<long long> NextSockChoice::next_read() {
  if (phase_ == Phase::kContenders) {
    // Numeric scores are recomputed from fresh rows; the margin covers sums
    // added in another order.
    const bool listed = next_ < contenders_.size();
    const auto can_win = [&](double numeric_score) { return numeric_score + kMaxTextScore + 1e-9 >= best_score_; };
    const bool settled =
        listed ? !can_win(contenders_[next_].score) : !unlisted_at_most_ || !can_win(*unlisted_at_most_);
    // An unlisted candidate could win, or every candidate is needed for the lowest id.
    if ((!settled && !listed) || (settled && !best_ && unlisted_at_most_)) {
      complete_ = false;
      phase_ = Phase::kDone;
      return {};
    }
    if (!settled) {
      std::vector<long long> ids;
      for (std::size_t i = next_; i < contenders_.size() && i < next_ + batch_size_; ++i) {
        const long long id = contenders_[i].id;
        const auto known =
            std::lower_bound(known_.begin(), known_.end(), id,
                             [](const ScoredCandidate& c, long long wanted) { return c.numbers.id < wanted; });
        if (known != known_.end() && known->numbers.id == id) {
          consider(known->numbers, known->score);
        } else {
          ids.push_back(id);
        }
      }
      if (!ids.empty()) return ids;
      next_ += batch_size_;  // every one known: the next batch
      return next_read();
    }
    phase_ = best_ || ascending_.empty() ? Phase::kDone : Phase::kLowestId;
    next_ = 0;
    std::sort(ascending_.begin(), ascending_.end());
  }
  if (phase_ == Phase::kLowestId && next_ < ascending_.size()) {
    const auto from = ascending_.begin() + static_cast<std::ptrdiff_t>(next_);
    return {from, from + static_cast<std::ptrdiff_t>(std::min(batch_size_, ascending_.size() - next_))};
  }
  phase_ = Phase::kDone;
  return {};
}

void NextSockChoice::consider(const SockNumbers& candidate, double score) {
  if (score > best_score_ || (best_ && score == best_score_ && candidate.id < best_->id)) {
    best_ = candidate;
    best_score_ = score;
  }
}

void NextSockChoice::take(const std::vector<SockTraits>& read) {
  if (phase_ == Phase::kContenders) {
    for (const SockTraits& candidate : read) {
      const double score = similarity_score(mine_, candidate);
      newly_scored_.push_back({candidate.numbers, score});
      consider(candidate.numbers, score);
    }
  } else if (phase_ == Phase::kLowestId) {
    for (const SockTraits& candidate : read) {
      if (!best_ || candidate.numbers.id < best_->id) best_ = candidate.numbers;
    }
    if (best_) phase_ = Phase::kDone;
  }
  next_ += batch_size_;
}

}  // namespace hotsox
