// The rows `fcgi-app seed github` loads, as COPY text, from profiles read from
// a file or generated while they load.
#pragma once

#include "apps/github/profile.h"
#include "apps/github/profile_generator.h"
#include "apps/github/term_counts.h"

#include <cstdint>
#include <string>
#include <vector>

namespace commands {

// Rows with their ranks (id_rank, type_rank), handed out in COPY's text format.
class ProfileRows {
 public:
  virtual ~ProfileRows() = default;
  virtual std::size_t total() const = 0;
  // Appends the next rows to `text` until it holds at least `bytes` or every
  // row is in, and adds their usernames to `terms`. Returns the rows appended so far.
  virtual std::size_t append(std::string& text, std::size_t bytes, github::TermCounter& terms) = 0;
};

// Profiles already in memory (read from a file), in any order.
class StoredProfileRows : public ProfileRows {
 public:
  explicit StoredProfileRows(const std::vector<github::Profile>& profiles);
  std::size_t total() const override { return profiles_.size(); }
  std::size_t append(std::string& text, std::size_t bytes, github::TermCounter& terms) override;

 private:
  const std::vector<github::Profile>& profiles_;
  github::Ranks ranks_;
  std::size_t done_ = 0;
};

// Profiles generated as they are asked for: none is kept. The ids increase,
// so a profile's id_rank is its number; its type_rank (Organizations first)
// needs only how many Organizations there are, counted before the first row.
class GeneratedProfileRows : public ProfileRows {
 public:
  GeneratedProfileRows(std::uint64_t random_seed, std::size_t total);
  std::size_t total() const override { return total_; }
  std::size_t append(std::string& text, std::size_t bytes, github::TermCounter& terms) override;

 private:
  github::ProfileGenerator generator_;
  std::size_t total_;
  long long organizations_;
  long long organizations_done_ = 0;
  long long users_done_ = 0;
  std::size_t done_ = 0;
};

}  // namespace commands
