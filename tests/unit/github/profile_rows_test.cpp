#include "apps/github/profile_generator.h"
#include "commands/github_profile_rows.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace github;

namespace {

std::string all_rows(commands::ProfileRows& rows, TermCounter& terms) {
  std::string text, chunk;
  std::size_t done = 0;
  while (done < rows.total()) {
    chunk.clear();
    done = rows.append(chunk, 4096, terms);  // small chunks: the rows continue across them
    text += chunk;
  }
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_profile_rows)

BOOST_AUTO_TEST_CASE(counting_organizations_draws_as_generating_does) {
  for (const std::uint64_t seed : {1, 5, 42}) {
    ProfileGenerator generator(seed);
    long long organizations = 0;
    for (int i = 0; i < 20000; ++i) organizations += generator.next().type == "Organization" ? 1 : 0;
    BOOST_TEST(ProfileGenerator::count_organizations(seed, 20000) == organizations);
  }
}

// Rows generated while they load are the rows of the same profiles generated
// first and ranked after: ids, URLs, id_rank and type_rank alike.
BOOST_AUTO_TEST_CASE(generated_rows_equal_stored_rows_of_the_same_profiles) {
  constexpr std::size_t kTotal = 30000;
  ProfileGenerator generator(5);
  std::vector<Profile> profiles;
  for (std::size_t i = 0; i < kTotal; ++i) profiles.push_back(generator.next());
  commands::StoredProfileRows stored(profiles);
  commands::GeneratedProfileRows generated(5, kTotal);
  TermCounter stored_terms(kTotal), generated_terms(kTotal);
  const std::string expected = all_rows(stored, stored_terms);
  BOOST_TEST(all_rows(generated, generated_terms) == expected);
  BOOST_TEST((generated_terms.counts() == stored_terms.counts()));
  BOOST_TEST(expected.substr(0, expected.find('\n')).find("\thttps://avatars.githubusercontent.com/u/") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
