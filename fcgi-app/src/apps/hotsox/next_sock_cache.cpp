#include "apps/hotsox/next_sock_cache.h"

#include <algorithm>
#include <limits>

namespace hotsox {

namespace {

std::vector<long long> ascending(const std::unordered_set<long long>& ids) {
  std::vector<long long> out(ids.begin(), ids.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

NextSockSituation NextSockSituation::of(const SockTraits& mine, const Exclusions& exclusions) {
  return {mine, exclusions.me, ascending(exclusions.judged), ascending(exclusions.unmatched)};
}

const NextSockAnswer* NextSockCache::find(long long sock_id, std::uint64_t version,
                                          const NextSockSituation& situation) const {
  const auto found = entries_.find(sock_id);
  if (found == entries_.end()) return nullptr;
  const Entry& entry = found->second;
  if (entry.version != version || !(entry.situation == situation)) return nullptr;
  return &entry.answer;
}

void NextSockCache::remember(long long sock_id, std::uint64_t version, NextSockSituation situation,
                             NextSockAnswer answer) {
  // Full: start again rather than track which entry is oldest; the socks
  // asked for often come back within a few requests.
  if (entries_.size() >= capacity_ && entries_.count(sock_id) == 0) entries_.clear();
  entries_.insert_or_assign(sock_id, Entry{version, std::move(situation), std::move(answer)});
}

std::optional<NextSockRankings::Ranking> NextSockRankings::find(long long sock_id, std::uint64_t version,
                                                                const NextSockSituation& situation) const {
  const auto found = entries_.find(sock_id);
  if (found == entries_.end()) return std::nullopt;
  const Entry& entry = found->second;
  const NextSockSituation& then = entry.situation;
  if (entry.version != version || !(then.mine.numbers == situation.mine.numbers) || then.me != situation.me ||
      then.unmatched != situation.unmatched ||
      !std::includes(situation.judged.begin(), situation.judged.end(), then.judged.begin(), then.judged.end())) {
    return std::nullopt;
  }
  Ranking left{{}, entry.ranking.unlisted_at_most, {}};
  if (then.mine == situation.mine) left.scored = entry.ranking.scored;
  left.best.reserve(entry.ranking.best.size());
  for (const NumericCandidate& candidate : entry.ranking.best) {
    if (!std::binary_search(situation.judged.begin(), situation.judged.end(), candidate.id)) {
      left.best.push_back(candidate);
    }
  }
  if (left.best.empty()) return std::nullopt;
  return left;
}

void NextSockRankings::remember(long long sock_id, std::uint64_t version, const NextSockSituation& situation,
                                const std::vector<NumericCandidate>& candidates) {
  // One more than kept: the first left out bounds all those left out.
  Ranking ranking{std::vector<NumericCandidate>(std::min(kept_ + 1, candidates.size())),
                  -std::numeric_limits<double>::infinity(),
                  {}};
  std::partial_sort_copy(candidates.begin(), candidates.end(), ranking.best.begin(), ranking.best.end(), ranks_before);
  if (ranking.best.size() > kept_) {
    ranking.unlisted_at_most = ranking.best.back().score;
    ranking.best.pop_back();
  }
  // Whole scores stay true while the index and my texts do.
  if (const auto found = entries_.find(sock_id);
      found != entries_.end() && found->second.version == version && found->second.situation.mine == situation.mine) {
    ranking.scored = std::move(found->second.ranking.scored);
  }
  if (entries_.size() >= capacity_ && entries_.count(sock_id) == 0) entries_.clear();
  entries_.insert_or_assign(sock_id, Entry{version, situation, std::move(ranking)});
}

void NextSockRankings::add_scored(long long sock_id, std::uint64_t version, const SockTraits& mine,
                                  const std::vector<ScoredCandidate>& scored) {
  const auto found = entries_.find(sock_id);
  if (found == entries_.end() || found->second.version != version || !(found->second.situation.mine == mine)) return;
  std::vector<ScoredCandidate>& all = found->second.ranking.scored;
  // At most as many as the candidates kept: past that, only the latest.
  if (all.size() + scored.size() > kept_) all.clear();
  all.insert(all.end(), scored.begin(), scored.end());
  const auto by_id = [](const ScoredCandidate& a, const ScoredCandidate& b) { return a.numbers.id < b.numbers.id; };
  std::stable_sort(all.begin(), all.end(), by_id);
  all.erase(
      std::unique(all.begin(), all.end(),
                  [](const ScoredCandidate& a, const ScoredCandidate& b) { return a.numbers.id == b.numbers.id; }),
      all.end());
}

}  // namespace hotsox
