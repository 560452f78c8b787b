// A GitHub profile as this app stores it, and what the seed computes for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace github {

struct Profile {
  long long id = 0;
  std::string username;     // GitHub's login
  std::string image_url;    // avatar_url
  std::string type;         // "User" or "Organization"
  std::string profile_url;  // html_url
};

// GitHub's rules for a login: 1-39 letters, digits and single hyphens, not
// starting or ending with a hyphen.
bool is_valid_login(std::string_view login);

// Profiles from a JSON array of GitHub /users API objects (id, login,
// avatar_url, type, html_url). Throws std::invalid_argument naming the first
// problem (element and field), so a bad file changes nothing.
std::vector<Profile> profiles_from_github_json(std::string_view text);

// Positions in id order and in (type, id) order, 1-based, for `profiles` in any order.
struct Ranks {
  std::vector<long long> by_id;
  std::vector<long long> by_type;
};
Ranks rank_profiles(const std::vector<Profile>& profiles);

}  // namespace github
