#include "apps/github/profile_generator.h"

#include <algorithm>
#include <array>
#include <cctype>
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

}  // namespace

std::string ProfileGenerator::make_login(bool organization) {
  std::string login;
  if (organization) {
    login = std::string(kWords[pick(kWords.size())]);
    login += pick(2) == 0 ? "-" : "";
    login +=
        pick(3) == 0 ? std::string(kWords[pick(kWords.size())]) : std::string(kOrgSuffixes[pick(kOrgSuffixes.size())]);
  } else {
    switch (pick(5)) {
      case 0:
        login = std::string(kFirstNames[pick(kFirstNames.size())]) + std::string(kLastNames[pick(kLastNames.size())]);
        break;
      case 1:
        login = std::string(kFirstNames[pick(kFirstNames.size())]) + "-" + std::string(kWords[pick(kWords.size())]);
        break;
      case 2: login = std::string(kWords[pick(kWords.size())]) + std::to_string(pick(2000)); break;
      case 3:
        login = std::string(kFirstNames[pick(kFirstNames.size())]) + kLastNames[pick(kLastNames.size())][0] +
                std::to_string(1960 + pick(50));
        break;
      default: login = std::string(kWords[pick(kWords.size())]) + "-" + std::string(kWords[pick(kWords.size())]); break;
    }
    if (pick(5) == 0) login[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(login[0])));
  }
  // Unique, case-insensitively: a taken login gets the first number (2, 3, ...)
  // that makes it free, kept within 39 characters.
  std::string candidate = login;
  if (candidate.size() > 39) candidate.resize(39);
  while (candidate.back() == '-') candidate.pop_back();
  if (claim(candidate)) return candidate;
  // Logins only ever become taken, so the numbers this login tried before are
  // still taken: the search resumes after the last one it used. (The same
  // result as starting at 2 every time, without retrying ever more numbers as
  // a common login comes back: that made a million profiles take minutes.)
  int& next_number = next_number_.try_emplace(login, 2).first->second;
  for (;; ++next_number) {
    const std::string number = std::to_string(next_number);
    candidate = login.substr(0, std::min(login.size(), 39 - number.size())) + number;
    if (claim(candidate)) {
      ++next_number;
      return candidate;
    }
  }
}

bool ProfileGenerator::claim(const std::string& login) {
  std::string lowered = login;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return taken_.insert(std::move(lowered)).second;
}

Profile ProfileGenerator::next() {
  last_id_ += 1 + (pick(4) == 0 ? static_cast<long long>(pick(40)) : 0);
  const bool organization = pick(10) == 0;
  Profile profile;
  profile.id = last_id_;
  profile.username = make_login(organization);
  profile.type = organization ? "Organization" : "User";
  profile.image_url = "https://avatars.githubusercontent.com/u/" + std::to_string(profile.id) + "?v=4";
  profile.profile_url = "https://github.com/" + profile.username;
  return profile;
}

}  // namespace github
