#include "apps/github/term_counts.h"

#include <algorithm>
#include <cctype>

namespace github {

namespace {

char ascii_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Keeps the kListedMatches smallest ranks, ascending. Rows mostly come in id
// order, so a rank usually goes at the end or, once the list is full, nowhere;
// in type order an Organization's rank goes before the Users' already listed,
// at most kListedMatches times per term.
void list_rank(std::vector<std::uint32_t>& ranks, std::uint32_t rank) {
  if (ranks.size() == kListedMatches && rank >= ranks.back()) return;
  ranks.insert(std::upper_bound(ranks.begin(), ranks.end(), rank), rank);
  if (ranks.size() > kListedMatches) ranks.pop_back();
}

}  // namespace

std::optional<std::string> counted_term(std::string_view search) {
  if (search.empty() || search.size() > kMaxCountedTermLength) return std::nullopt;
  std::string term;
  for (char c : search) {
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    term.push_back(ascii_lower(c));
  }
  return term;
}

TermCounter::TermCounter() {
  std::size_t slots = 1;
  for (auto& of_length : slots_) {
    slots *= 128;
    of_length.assign(slots, Slot{});
  }
}

void TermCounter::add(std::string_view username, std::uint32_t id_rank, std::uint32_t type_rank) {
  ++usernames_;
  for (char c : username) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      complete_ = false;
      return;
    }
  }
  for (std::size_t start = 0; start < username.size(); ++start) {
    std::size_t index = 0;
    for (std::size_t length = 1; length <= kMaxCountedTermLength && start + length <= username.size(); ++length) {
      index = index * 128 + static_cast<unsigned char>(ascii_lower(username[start + length - 1]));
      Slot& slot = slots_[length - 1][index];
      if (slot.last_counted_by == usernames_) continue;
      slot.last_counted_by = usernames_;
      if (slot.term == 0) {
        terms_.emplace_back();
        slot.term = static_cast<std::uint32_t>(terms_.size());
      }
      Matches& matches = terms_[slot.term - 1];
      ++matches.total;
      list_rank(matches.first_id_ranks, id_rank);
      list_rank(matches.first_type_ranks, type_rank);
    }
  }
}

std::vector<CountedTerm> TermCounter::counts() const {
  std::vector<CountedTerm> result;
  result.reserve(terms_.size());
  for (std::size_t length = 1; length <= kMaxCountedTermLength; ++length) {
    const std::vector<Slot>& slots = slots_[length - 1];
    for (std::size_t index = 0; index < slots.size(); ++index) {
      if (slots[index].term == 0) continue;
      std::string term(length, '\0');
      std::size_t rest = index;
      for (std::size_t i = length; i-- > 0; rest /= 128) term[i] = static_cast<char>(rest % 128);
      const Matches& matches = terms_[slots[index].term - 1];
      result.push_back({std::move(term), matches.total, matches.first_id_ranks, matches.first_type_ranks});
    }
  }
  return result;
}

}  // namespace github
