#include "apps/github/profile.h"
#include "apps/github/profile_generator.h"
#include "apps/github/profile_query.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <set>

using namespace github;

namespace {

int status_of(const char* query) {
  try {
    parse_profile_query(platform::Params::parse(query));
    return 200;
  } catch (const platform::HttpError& error) {
    return error.status();
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_profiles)

BOOST_AUTO_TEST_CASE(query_defaults_and_normal_form) {
  const ProfileQuery defaults = parse_profile_query(platform::Params::parse(""));
  BOOST_TEST(defaults.page.page == 1);
  BOOST_TEST(defaults.page.per_page == 25);
  BOOST_TEST((defaults.order == Order::kId));
  BOOST_TEST(!defaults.filtered());
  BOOST_TEST(defaults.normalized() == "page=1&pagination=25&order_by=id");

  const ProfileQuery full =
      parse_profile_query(platform::Params::parse("username=MoJo&order_by=type&page=2&pagination=10&id=7"));
  BOOST_TEST(full.normalized() == "page=2&pagination=10&order_by=type&id=7&username=mojo");
  BOOST_TEST(full.filtered());
  // Parameter order and case of the search do not change the cache key.
  BOOST_TEST(parse_profile_query(platform::Params::parse("pagination=10&id=7&page=2&order_by=type&username=mojo"))
                 .normalized() == full.normalized());
}

BOOST_AUTO_TEST_CASE(anything_but_type_orders_by_id) {
  for (const char* query : {"order_by=id", "order_by=username", "order_by=", "order_by=TYPE"}) {
    BOOST_TEST((parse_profile_query(platform::Params::parse(query)).order == Order::kId), query);
  }
}

BOOST_AUTO_TEST_CASE(bad_parameters) {
  BOOST_TEST(status_of("page=abc") == 400);
  BOOST_TEST(status_of("pagination=abc") == 400);
  BOOST_TEST(status_of("pagination=0") == 400);
  BOOST_TEST(status_of("pagination=101") == 400);
  BOOST_TEST(status_of("id=x") == 400);
  BOOST_TEST(status_of("page=0") == 404);
  BOOST_TEST(status_of("pagination=100&page=3") == 200);
}

BOOST_AUTO_TEST_CASE(like_wildcards_are_escaped) {
  BOOST_TEST(escape_like("a_b%c\\d") == "a\\_b\\%c\\\\d");
  BOOST_TEST(escape_like("plain") == "plain");
  BOOST_TEST(contains_ignoring_case("MoJombo", "jOm"));
  BOOST_TEST(!contains_ignoring_case("mojombo", "x"));
}

// The cases measured at 1M rows (profile_query.h): a rare term's matches are
// fetched, a common one's page 1 is walked, and its deep page fetched again.
BOOST_AUTO_TEST_CASE(the_cheaper_way_to_a_page_of_matches) {
  constexpr long long kRows = 1'000'000;
  BOOST_TEST(fetching_every_match_is_cheaper(393, 25, kRows));       // page 1: 63,600 rows walked
  BOOST_TEST(fetching_every_match_is_cheaper(747, 25, kRows));       // 33,500 rows walked (12.5 ms, fetched 1.2 ms)
  BOOST_TEST(!fetching_every_match_is_cheaper(4'418, 25, kRows));    // 5,700 rows walked
  BOOST_TEST(!fetching_every_match_is_cheaper(11'291, 125, kRows));  // 11,000 rows walked (3.5 ms, fetched 17 ms)
  BOOST_TEST(fetching_every_match_is_cheaper(4'418, 2'500, kRows));  // page 100: 566,000 rows walked
  BOOST_TEST(!fetching_every_match_is_cheaper(500, 25, 1'000));      // half a small table matches: 50 rows walked
}

BOOST_AUTO_TEST_CASE(login_rules) {
  for (const char* good : {"mojombo", "a", "defunkt-2", "A-b-C"}) {
    BOOST_TEST(is_valid_login(good), good);
  }
  BOOST_TEST(is_valid_login(std::string(39, 'x')));
  for (const char* bad : {"", "-lead", "trail-", "dou--ble", "under_score", "sp ace", "dot.ted", "ümlaut"}) {
    BOOST_TEST(!is_valid_login(bad), bad);
  }
  BOOST_TEST(!is_valid_login(std::string(40, 'x')));
}

BOOST_AUTO_TEST_CASE(generated_profiles_follow_the_rules) {
  ProfileGenerator generator(42);
  std::set<std::string> logins;
  long long last_id = 0;
  int organizations = 0;
  bool gap = false;
  constexpr int kCount = 50000;
  for (int i = 0; i < kCount; ++i) {
    const Profile profile = generator.next();
    BOOST_REQUIRE_MESSAGE(is_valid_login(profile.username), profile.username);
    std::string lowered = profile.username;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    BOOST_REQUIRE_MESSAGE(logins.insert(lowered).second, "login twice: " + profile.username);
    BOOST_REQUIRE(profile.id > last_id);
    gap = gap || profile.id > last_id + 1;
    last_id = profile.id;
    organizations += profile.type == "Organization" ? 1 : 0;
    BOOST_REQUIRE(profile.type == "Organization" || profile.type == "User");
    BOOST_REQUIRE(profile.image_url ==
                  "https://avatars.githubusercontent.com/u/" + std::to_string(profile.id) + "?v=4");
    BOOST_REQUIRE(profile.profile_url == "https://github.com/" + profile.username);
  }
  BOOST_TEST(gap);
  BOOST_TEST(organizations > kCount * 8 / 100);
  BOOST_TEST(organizations < kCount * 12 / 100);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_profiles) {
  ProfileGenerator first(7);
  ProfileGenerator second(7);
  ProfileGenerator other(8);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const Profile a = first.next();
    const Profile b = second.next();
    BOOST_REQUIRE(a.id == b.id);
    BOOST_REQUIRE(a.username == b.username);
    differs = differs || other.next().username != a.username;
  }
  BOOST_TEST(differs);
}

BOOST_AUTO_TEST_CASE(ranks_in_both_orders) {
  const std::vector<Profile> profiles = {{30, "c", "", "User", ""},
                                         {10, "a", "", "Organization", ""},
                                         {20, "b", "", "User", ""},
                                         {40, "d", "", "Organization", ""}};
  const Ranks ranks = rank_profiles(profiles);
  BOOST_TEST((ranks.by_id == std::vector<long long>{3, 1, 2, 4}));
  BOOST_TEST((ranks.by_type == std::vector<long long>{4, 1, 3, 2}));
}

BOOST_AUTO_TEST_CASE(import_reads_github_api_objects) {
  const auto profiles = profiles_from_github_json(
      R"([{"login":"mojombo","id":1,"avatar_url":"https://avatars.githubusercontent.com/u/1?v=4","type":"User","html_url":"https://github.com/mojombo","site_admin":false}])");
  BOOST_REQUIRE(profiles.size() == 1u);
  BOOST_TEST(profiles[0].username == "mojombo");
  BOOST_TEST(profiles[0].profile_url == "https://github.com/mojombo");
}

BOOST_AUTO_TEST_CASE(import_names_the_problem) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"{", "not valid JSON"},
      {"{}", "expected a JSON array"},
      {"[1]", "element 0 is not an object"},
      {R"([{"id":1,"avatar_url":"a","type":"User","html_url":"h"}])", "'login' must be a string"},
      {R"([{"id":"1","login":"a","avatar_url":"a","type":"User","html_url":"h"}])", "'id' must be a positive integer"},
      {R"([{"id":1,"login":"a--b","avatar_url":"a","type":"User","html_url":"h"}])", "is not a GitHub login"},
      {R"([{"id":1,"login":"a","avatar_url":"a","type":"Bot","html_url":"h"}])", "type must be User or Organization"},
      {R"([{"id":1,"login":"a","avatar_url":"a","type":"User","html_url":"h"},{"id":1,"login":"b","avatar_url":"a","type":"User","html_url":"h"}])",
       "appears twice"},
  };
  for (const auto& [text, message] : cases) {
    try {
      profiles_from_github_json(text);
      BOOST_ERROR(std::string("accepted: ") + text);
    } catch (const std::invalid_argument& error) {
      BOOST_TEST(std::string(error.what()).find(message) != std::string::npos, error.what());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
