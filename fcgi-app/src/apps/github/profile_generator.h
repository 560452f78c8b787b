// Realistic, deterministic GitHub profiles for seeding without the network. Pure.
#pragma once

#include "apps/github/profile.h"

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace github {

class ProfileGenerator {
 public:
  explicit ProfileGenerator(std::uint64_t seed) : random_(seed) {}

  // The next profile: ids increase with gaps, logins follow GitHub's rules and
  // are unique (case-insensitively), about 1 in 10 is an Organization.
  Profile next();

 private:
  std::string make_login(bool organization);
  // Takes the login if no one has it yet, ignoring case.
  bool claim(const std::string& login);
  std::size_t pick(std::size_t count) { return std::uniform_int_distribution<std::size_t>(0, count - 1)(random_); }

  std::mt19937_64 random_;
  long long last_id_ = 0;
  std::unordered_set<std::string> taken_;  // lower-cased
  // Per login that came up taken: the number to try next.
  std::unordered_map<std::string, int> next_number_;
};

}  // namespace github
