#include "apps/hotsox/next_sock_cache.h"

#include <algorithm>

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

}  // namespace hotsox
