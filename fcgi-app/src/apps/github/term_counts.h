// Exact match counts of every short username search, computed once per seed. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace github {

// Terms of up to this many characters are counted in advance: longer ones are
// selective enough for the trigram index.
inline constexpr std::size_t kMaxCountedTermLength = 3;

// The key under which a search's count is kept: the term lower-cased, if it
// is 1 to 3 ASCII characters (GitHub logins are ASCII; ASCII lower-cases the
// same in C++ as in PostgreSQL's lower()). nullopt: count it in SQL.
std::optional<std::string> counted_term(std::string_view search);

// Counts, for every 1- to 3-character substring of the usernames added, the
// usernames that contain it (case-insensitively, each username once).
class TermCounter {
 public:
  TermCounter();

  void add(std::string_view username);
  // False when a username held a non-ASCII byte: PostgreSQL may lower-case
  // such a character to an ASCII one, so these counts would not be exact.
  bool complete() const { return complete_; }
  // Every term with a non-zero count, shortest first, then by byte value.
  std::vector<std::pair<std::string, long long>> counts() const;

 private:
  // One slot per possible term of each length: 128, 128², 128³ (7 bits a character).
  std::vector<std::uint32_t> counts_[kMaxCountedTermLength];
  // The username (1-based) that last counted each slot: a term is counted once per username.
  std::vector<std::uint32_t> last_counted_by_[kMaxCountedTermLength];
  std::uint32_t usernames_ = 0;
  bool complete_ = true;
};

}  // namespace github
