#include "apps/github/profile_generator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>

namespace github {

namespace {

constexpr std::array<std::string_view, 48> kFirstNames = {
    "anna",  "ben",  "carla", "dmitri", "elena", "farid", "grace", "hiro",   "ines",  "jon",  "kira",   "lars",
    "maya",  "nils", "olga",  "pavel",  "quinn", "rosa",  "sam",   "tara",   "umar",  "vera", "wei",    "ximena",
    "yusuf", "zoe",  "amir",  "bea",    "chen",  "dana",  "emil",  "fatima", "gus",   "hana", "ivan",   "jade",
    "kofi",  "lena", "marco", "nora",   "oscar", "priya", "raj",   "sofia",  "tomas", "uma",  "viktor", "yara"};
constexpr std::array<std::string_view, 40> kLastNames = {
    "smith",  "garcia",  "mueller", "rossi", "tanaka", "kowalski", "nguyen", "silva", "ivanova", "dubois",
    "jensen", "oconnor", "haddad",  "kim",   "novak",  "petrov",   "santos", "berg",  "costa",   "fischer",
    "larsen", "moreau",  "patel",   "quint", "romero", "sato",     "turner", "vogel", "walsh",   "young",
    "zhang",  "ahmed",   "bauer",   "cohen", "diaz",   "eriksen",  "fujita", "gomez", "horvat",  "lee"};
constexpr std::array<std::string_view, 48> kWords = {
    "pixel",  "kernel", "rusty",  "quantum", "byte",   "cloud", "vector", "lambda", "async",  "rocket",
    "delta",  "orbit",  "cipher", "nimbus",  "falcon", "ember", "atlas",  "nova",   "tensor", "shell",
    "vertex", "matrix", "photon", "signal",  "cobalt", "onyx",  "prism",  "spark",  "tiger",  "wave",
    "glitch", "hex",    "loop",   "mesh",    "node",   "parse", "query",  "stack",  "sync",   "thread",
    "bit",    "code",   "data",   "dev",     "hack",   "logic", "micro",  "ops"};
constexpr std::array<std::string_view, 10> kOrgSuffixes = {"labs", "io",      "hq",    "org",        "team",
                                                           "dev",  "systems", "works", "foundation", "project"};

// Appends the string form of `value` (to_chars: no allocation).
void append_number(std::string& out, std::size_t value) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

}  // namespace

// The draws happen in the order the first version made them: its output for a
// given seed is pinned (tests/http/github.sh, profiles_test.cpp).
void ProfileGenerator::draw_login(bool organization, std::string& login) {
  login.clear();
  if (organization) {
    login += kWords[pick(kWords.size())];
    if (pick(2) == 0) login += '-';
    login += pick(3) == 0 ? kWords[pick(kWords.size())] : kOrgSuffixes[pick(kOrgSuffixes.size())];
    return;
  }
  // The first version built each login with operator+, whose operands GCC
  // evaluates right to left: the parts are drawn last to first.
  switch (pick(5)) {
    case 0: {
      const std::string_view last = kLastNames[pick(kLastNames.size())];
      login.append(kFirstNames[pick(kFirstNames.size())]).append(last);
      break;
    }
    case 1: {
      const std::string_view word = kWords[pick(kWords.size())];
      login.append(kFirstNames[pick(kFirstNames.size())]).append(1, '-').append(word);
      break;
    }
    case 2: {
      const std::size_t number = pick(2000);
      login.append(kWords[pick(kWords.size())]);
      append_number(login, number);
      break;
    }
    case 3: {
      const std::size_t year = 1960 + pick(50);
      const char initial = kLastNames[pick(kLastNames.size())][0];
      login.append(kFirstNames[pick(kFirstNames.size())]).append(1, initial);
      append_number(login, year);
      break;
    }
    default: {
      const std::string_view second = kWords[pick(kWords.size())];
      login.append(kWords[pick(kWords.size())]).append(1, '-').append(second);
      break;
    }
  }
  if (pick(5) == 0) login[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(login[0])));
}

std::string_view ProfileGenerator::unique_login() {
  // Unique, case-insensitively: a taken login gets the first number (2, 3, ...)
  // that makes it free, kept within 39 characters.
  const std::string& login = current_.login;
  candidate_.assign(login, 0, 39);
  while (candidate_.back() == '-') candidate_.pop_back();
  if (taken_.try_emplace(current_.lowered, current_.hash, 0).second) return candidate_;
  // Logins only ever become taken, so the numbers this login tried before are
  // still taken: the search resumes after the last one it used. (The same
  // result as starting at 2 every time, without retrying ever more numbers as
  // a common login comes back: that made a million profiles take minutes.)
  // The reference stays valid: claim() changes taken_, not next_number_.
  int& next_number = next_number_.try_emplace(login, current_.login_hash, 2).first;
  for (;; ++next_number) {
    char digits[12];
    const auto length =
        static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, next_number).ptr - digits);
    candidate_.assign(login, 0, std::min(login.size(), 39 - length));
    candidate_.append(digits, length);
    if (claim(candidate_)) {
      ++next_number;
      return candidate_;
    }
  }
}

bool ProfileGenerator::claim(std::string_view login) {
  lowered_.resize(login.size());
  std::transform(login.begin(), login.end(), lowered_.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return taken_.try_emplace(lowered_, 0).second;
}

bool ProfileGenerator::draw_profile(std::string& login) {
  last_id_ += 1 + (pick(4) == 0 ? static_cast<long long>(pick(40)) : 0);
  const bool organization = pick(10) == 0;
  draw_login(organization, login);
  return organization;
}

void ProfileGenerator::draw_ahead(Drawn& drawn) {
  drawn.organization = draw_profile(drawn.login);
  drawn.id = last_id_;
  drawn.lowered.assign(drawn.login, 0, 39);
  while (drawn.lowered.back() == '-') drawn.lowered.pop_back();
  for (char& c : drawn.lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  drawn.hash = LoginTable::hash_of(drawn.lowered);
  taken_.prefetch(drawn.hash);
  drawn.login_hash = LoginTable::hash_of(drawn.login);
  next_number_.prefetch(drawn.login_hash);
}

ProfileGenerator::Generated ProfileGenerator::next_generated() {
  if (!primed_) {
    for (Drawn& drawn : ahead_) draw_ahead(drawn);
    primed_ = true;
  }
  // The profile drawn kAhead calls ago is made unique; a new one takes its place.
  std::swap(current_, ahead_[next_ahead_]);
  draw_ahead(ahead_[next_ahead_]);
  next_ahead_ = (next_ahead_ + 1) % kAhead;
  return {current_.id, current_.organization, unique_login()};
}

Profile ProfileGenerator::next() {
  const Generated generated = next_generated();
  Profile profile;
  profile.id = generated.id;
  profile.username = generated.login;
  profile.type = generated.organization ? "Organization" : "User";
  profile.image_url = "https://avatars.githubusercontent.com/u/" + std::to_string(profile.id) + "?v=4";
  profile.profile_url = "https://github.com/" + profile.username;
  return profile;
}

long long ProfileGenerator::count_organizations(std::uint64_t seed, long long total) {
  ProfileGenerator generator(seed);
  std::string login;
  long long organizations = 0;
  for (long long i = 0; i < total; ++i) organizations += generator.draw_profile(login) ? 1 : 0;
  return organizations;
}

}  // namespace github
