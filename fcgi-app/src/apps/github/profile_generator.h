// Realistic, deterministic GitHub profiles for seeding without the network. Pure.
#pragma once

#include "apps/github/login_table.h"
#include "apps/github/profile.h"

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace github {

class ProfileGenerator {
 public:
  // `expected_profiles` only sizes the tables of logins up front.
  explicit ProfileGenerator(std::uint64_t seed, std::size_t expected_profiles = 0)
      : random_(seed), taken_(expected_profiles), next_number_(expected_profiles / 4) {}

  // The next profile: ids increase with gaps, logins follow GitHub's rules and
  // are unique (case-insensitively), about 1 in 10 is an Organization.
  Profile next();

  // What next() would return, without building the URLs (they follow from
  // the id and the login). The login is valid until the next call.
  struct Generated {
    long long id;
    bool organization;
    std::string_view login;
  };
  Generated next_generated();

  // How many of the first `total` profiles of `seed` are Organizations: the
  // same draws as next(), without making the logins unique (which draws
  // nothing), so about 20 times cheaper. A profile's place in (type, id) order
  // depends on it, and the seed writes rows as they are generated.
  static long long count_organizations(std::uint64_t seed, long long total);

 private:
  // A profile drawn, not yet given its unique login.
  struct Drawn {
    long long id = 0;
    bool organization = false;
    std::string login;             // as drawn
    std::string lowered;           // as first tried (within 39 characters, no hyphen at the end), lower-cased
    std::uint64_t hash = 0;        // LoginTable::hash_of(lowered)
    std::uint64_t login_hash = 0;  // LoginTable::hash_of(login), its key in next_number_
  };
  // Draws the next id, type and login (into `login`); true for an Organization.
  bool draw_profile(std::string& login);
  // A login as drawn from the word lists, before it is made unique.
  void draw_login(bool organization, std::string& login);
  // Draws a profile kAhead profiles before it is made unique, and asks for the
  // slot of its first try: the lookups of a million logins are cache misses,
  // and the draws do not depend on which logins are taken.
  void draw_ahead(Drawn& drawn);
  // current_'s login made unique; valid until the next call.
  std::string_view unique_login();
  // Takes the login if no one has it yet, ignoring case.
  bool claim(std::string_view login);
  std::size_t pick(std::size_t count) { return std::uniform_int_distribution<std::size_t>(0, count - 1)(random_); }

  std::mt19937_64 random_;
  long long last_id_ = 0;
  LoginTable taken_;  // lower-cased; the values are unused
  // Per login that came up taken: the number to try next.
  LoginTable next_number_;
  static constexpr std::size_t kAhead = 16;
  std::array<Drawn, kAhead> ahead_;
  std::size_t next_ahead_ = 0;
  bool primed_ = false;
  Drawn current_;
  // Buffers reused from one login to the next.
  std::string candidate_, lowered_;
};

}  // namespace github
