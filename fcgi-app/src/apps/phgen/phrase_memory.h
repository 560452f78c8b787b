// What one worker remembers of the phrases table, so that a change picks its
// phrase without asking PostgreSQL. A copy belongs to a version: a token in
// KeyDB that every add and delete replaces after writing the table, so a copy
// read after its token was read is the table for as long as the token stays
// (phrase_swap.h checks it in every swap). Pure: the caller reads the token
// and the rows and says what time it is.
#pragma once

#include "apps/phgen/phrase_choice.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phgen {

// Larger tables are not copied: the pick asks PostgreSQL (phrase_choice.h).
inline constexpr std::size_t kMaxRememberedPhrases = 10000;
inline constexpr std::size_t kMaxRememberedBytes = std::size_t{2} << 20;
// A copy is read again after this long even if its token stays: should the
// new token of an add be lost (KeyDB failing right after the insert), the
// added phrase is still picked soon. Deletions do not rely on it (the swap
// checks the token in KeyDB, phrase_swap.cpp).
inline constexpr std::chrono::seconds kMaxRememberedAge{10};

// The table as one worker last read it.
struct PhraseCopy {
  std::string version;  // the token read before the rows
  // Null: the table was empty, or too large to keep; the pick asks PostgreSQL.
  std::shared_ptr<PhraseList> phrases;
};

class PhraseMemory {
 public:
  using Clock = std::chrono::steady_clock;

  // The copy, unless there is none or it is older than kMaxRememberedAge.
  std::optional<PhraseCopy> fresh(Clock::time_point now) const;
  // `rows` (in id order) were read after `version` was: the table at that
  // version. Empty `rows` (the table empty, or too large to be read) keep no list.
  const PhraseCopy& remember(std::string version, std::vector<Phrase> rows, Clock::time_point now);

 private:
  std::optional<PhraseCopy> copy_;
  Clock::time_point read_at_;
};

}  // namespace phgen
