#include "apps/phgen/phrase_memory.h"

namespace phgen {

std::optional<PhraseCopy> PhraseMemory::fresh(Clock::time_point now) const {
  if (!copy_ || now - read_at_ >= kMaxRememberedAge) return std::nullopt;
  return copy_;
}

const PhraseCopy& PhraseMemory::remember(std::string version, std::vector<Phrase> rows, Clock::time_point now) {
  read_at_ = now;
  // A new list, not the old one changed: a change in progress keeps the list it picked from.
  copy_ = PhraseCopy{std::move(version), rows.empty() ? nullptr : std::make_shared<PhraseList>(std::move(rows))};
  return *copy_;
}

}  // namespace phgen
