#include "apps/github/profile.h"

#include "platform/json.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <stdexcept>
#include <unordered_set>

namespace github {

bool is_valid_login(std::string_view login) {
  if (login.empty() || login.size() > 39 || login.front() == '-' || login.back() == '-') return false;
  for (std::size_t i = 0; i < login.size(); ++i) {
    const auto c = static_cast<unsigned char>(login[i]);
    if (c == '-') {
      if (login[i + 1] == '-') return false;
    } else if (!std::isalnum(c)) {
      return false;
    }
  }
  return true;
}

std::vector<Profile> profiles_from_github_json(std::string_view text) {
  const auto json = platform::parse_json(text);
  if (!json) throw std::invalid_argument("not valid JSON (or nested deeper than the parser allows)");
  if (!json->isArray()) throw std::invalid_argument("expected a JSON array of GitHub user objects");
  std::vector<Profile> profiles;
  profiles.reserve(json->size());
  std::unordered_set<long long> ids;
  for (Json::ArrayIndex i = 0; i < json->size(); ++i) {
    const Json::Value& item = (*json)[i];
    const std::string where = "element " + std::to_string(i);
    if (!item.isObject()) throw std::invalid_argument(where + " is not an object");
    for (const char* field : {"login", "avatar_url", "type", "html_url"}) {
      if (!item[field].isString()) throw std::invalid_argument(where + ": '" + field + "' must be a string");
    }
    if (!item["id"].isIntegral() || item["id"].asInt64() < 1) {
      throw std::invalid_argument(where + ": 'id' must be a positive integer");
    }
    Profile profile{item["id"].asInt64(), item["login"].asString(), item["avatar_url"].asString(),
                    item["type"].asString(), item["html_url"].asString()};
    if (!is_valid_login(profile.username))
      throw std::invalid_argument(where + ": login '" + profile.username + "' is not a GitHub login");
    if (profile.type != "User" && profile.type != "Organization") {
      throw std::invalid_argument(where + ": type must be User or Organization");
    }
    if (!ids.insert(profile.id).second)
      throw std::invalid_argument(where + ": id " + std::to_string(profile.id) + " appears twice");
    profiles.push_back(std::move(profile));
  }
  return profiles;
}

Ranks rank_profiles(const std::vector<Profile>& profiles) {
  std::vector<std::size_t> order(profiles.size());
  Ranks ranks{std::vector<long long>(profiles.size()), std::vector<long long>(profiles.size())};
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return profiles[a].id < profiles[b].id; });
  for (std::size_t i = 0; i < order.size(); ++i) ranks.by_id[order[i]] = static_cast<long long>(i) + 1;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(profiles[a].type, profiles[a].id) < std::tie(profiles[b].type, profiles[b].id);
  });
  for (std::size_t i = 0; i < order.size(); ++i) ranks.by_type[order[i]] = static_cast<long long>(i) + 1;
  return ranks;
}

}  // namespace github
