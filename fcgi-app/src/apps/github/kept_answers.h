// The answers this worker has read from KeyDB, kept in its memory for a few
// seconds so that a popular search costs no round trip. An answer never changes
// under one generation (the table changes only with a reseed, which moves every
// answer to a new generation), so a kept answer needs no invalidation of its
// own: the generation, near-cached and invalidated by KeyDB, must only be
// current. The lifetime bounds how long an answer outlives KeyDB's copy when a
// reseed could not reach KeyDB to retire it.
#pragma once

#include "store/string_map.h"

#include <chrono>
#include <cstddef>
#include <string>

namespace github {

class KeptAnswers {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kDefaultBudgetBytes = 1 << 20;
  static constexpr std::chrono::seconds kLifetime{10};

  explicit KeptAnswers(std::size_t budget_bytes = kDefaultBudgetBytes) : budget_bytes_(budget_bytes) {}

  // The answer kept for `query` under `generation`, unless older than kLifetime.
  // Valid until the next call.
  const std::string* find(const std::string& generation, const std::string& query, Clock::time_point now);
  // Keeps an answer; when the budget is spent (or the generation moved on),
  // everything kept before goes.
  void keep(const std::string& generation, const std::string& query, std::string answer, Clock::time_point now);

  std::size_t size() const { return answers_.size(); }

 private:
  struct Kept {
    std::string answer;
    Clock::time_point kept_at;
  };

  void forget_all();

  std::size_t budget_bytes_;
  std::size_t bytes_ = 0;
  std::string generation_;
  store::StringMap<Kept> answers_;
};

}  // namespace github
