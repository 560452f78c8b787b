#include "apps/github/term_counts.h"

#include <cctype>

namespace github {

namespace {

char ascii_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

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
  for (std::size_t length = 0; length < kMaxCountedTermLength; ++length) {
    slots *= 128;
    counts_[length].assign(slots, 0);
    last_counted_by_[length].assign(slots, 0);
  }
}

void TermCounter::add(std::string_view username) {
  ++usernames_;
  for (char c : username) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      complete_ = false;
      return;
    }
  }
  for (std::size_t start = 0; start < username.size(); ++start) {
    std::size_t slot = 0;
    for (std::size_t length = 1; length <= kMaxCountedTermLength && start + length <= username.size(); ++length) {
      slot = slot * 128 + static_cast<unsigned char>(ascii_lower(username[start + length - 1]));
      if (last_counted_by_[length - 1][slot] == usernames_) continue;
      last_counted_by_[length - 1][slot] = usernames_;
      ++counts_[length - 1][slot];
    }
  }
}

std::vector<std::pair<std::string, long long>> TermCounter::counts() const {
  std::vector<std::pair<std::string, long long>> result;
  for (std::size_t length = 1; length <= kMaxCountedTermLength; ++length) {
    const std::vector<std::uint32_t>& slots = counts_[length - 1];
    for (std::size_t slot = 0; slot < slots.size(); ++slot) {
      if (slots[slot] == 0) continue;
      std::string term(length, '\0');
      std::size_t rest = slot;
      for (std::size_t i = length; i-- > 0; rest /= 128) term[i] = static_cast<char>(rest % 128);
      result.emplace_back(std::move(term), slots[slot]);
    }
  }
  return result;
}

}  // namespace github
