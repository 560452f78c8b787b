// What a profiles request asks for, normalized. Pure.
#pragma once

#include "platform/http.h"
#include "platform/paging.h"

#include <optional>
#include <string>

namespace github {

enum class Order { kId, kType };

struct ProfileQuery {
  platform::PageRequest page;
  Order order = Order::kId;
  std::string username;         // substring to find, case-insensitively; empty: no filter
  std::optional<long long> id;  // exact id

  bool filtered() const { return !username.empty() || id.has_value(); }
  // Every parameter that changes the answer, in one fixed form (the cache key).
  std::string normalized() const;
};

inline constexpr long long kDefaultPerPage = 25;
inline constexpr long long kMaxPerPage = 100;

// Defaults: page 1, pagination 25, order by id. order_by other than "type"
// means id. Throws HttpError 400 on a non-integer page, pagination or id, or
// pagination outside 1..100; 404 on page < 1.
ProfileQuery parse_profile_query(const platform::Params& query);

// `text` for LIKE, its wildcards escaped: a user searching "a_b" means "a_b".
std::string escape_like(std::string_view text);

// Whether fetching every one of a search's `matches` by trigram and sorting
// them costs less than walking a table of `rows` in the asked order until
// `walked_matches` more are found. The rows lie in id order (the seed loads
// them so), matches spread evenly: the walk reads about walked_matches × rows
// / matches rows, one block after another. Measured at 1M rows, warm: a match
// fetched and sorted costs ~1.6 µs, a row walked ~0.4 µs. (Cold, the walk's
// sequential reads win by more: 1,549 matches took 290 ms fetched, 39 ms walked.)
bool fetching_every_match_is_cheaper(long long matches, long long walked_matches, long long rows);

// Case-insensitive (ASCII, as logins are) substring test, the same as the SQL filter.
bool contains_ignoring_case(std::string_view haystack, std::string_view needle);

}  // namespace github
