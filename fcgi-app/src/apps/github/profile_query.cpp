#include "apps/github/profile_query.h"

#include <algorithm>
#include <cctype>

namespace github {

ProfileQuery parse_profile_query(const platform::Params& query) {
  ProfileQuery parsed;
  parsed.page = platform::parse_page_request(query, kDefaultPerPage, kMaxPerPage);
  parsed.order = query.get("order_by") == std::optional<std::string_view>("type") ? Order::kType : Order::kId;
  parsed.username = std::string(query.get("username").value_or(""));
  parsed.id = platform::integer_param(query, "id");
  return parsed;
}

std::string ProfileQuery::normalized() const {
  std::string key = "page=" + std::to_string(page.page) + "&pagination=" + std::to_string(page.per_page) +
                    "&order_by=" + (order == Order::kType ? "type" : "id");
  if (id) key += "&id=" + std::to_string(*id);
  if (!username.empty()) {
    std::string lowered = username;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    key += "&username=" + lowered;
  }
  return key;
}

std::string escape_like(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + 4);
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return escaped;
}

bool fetching_every_match_is_cheaper(long long matches, long long walked_matches, long long rows) {
  constexpr long long kFetchedToWalkedCost = 4;
  return matches * matches * kFetchedToWalkedCost <= walked_matches * rows;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != haystack.end();
}

}  // namespace github
