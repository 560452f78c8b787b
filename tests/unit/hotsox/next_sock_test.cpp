// The next sock as the pool answers it (the index's candidates, choose_next,
// the per-sock cache) against the original's rule (best_candidate over every
// candidate), on random data.
#include "apps/hotsox/next_sock_cache.h"
#include "apps/hotsox/next_sock_read.h"
#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_index.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace hotsox;

namespace {

struct World {
  std::vector<SockTraits> socks;  // ascending id
  std::vector<bool> has_picture;
};

// Few values per attribute and short texts of few letters: many ties.
World random_world(std::mt19937& random, int count) {
  const auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
  const auto text = [&] {
    std::string out(static_cast<std::size_t>(pick(0, 12)), 'a');
    for (char& c : out) c = static_cast<char>('a' + pick(0, 3));
    return out;
  };
  World world;
  for (int i = 0; i < count; ++i) {
    SockTraits s;
    s.numbers = {1000 + i * 3, pick(1, count / 20), pick(1, 3),          pick(1, 3),         pick(1, 3),   pick(1, 3),
                 pick(1, 3),   pick(0, 2),          pick(0, 3),          pick(1, 3),         pick(0, 999), pick(1, 3),
                 pick(0, 3),   pick(1, 3),          20000 + pick(0, 90), 20000 + pick(0, 90)};
    s.special = text();
    s.about = text();
    world.socks.push_back(s);
    world.has_picture.push_back(pick(0, 9) != 0);
  }
  return world;
}

SockIndex index_of(const World& world) {
  IndexChanges changes{"100", {}, {}};
  for (std::size_t i = 0; i < world.socks.size(); ++i) {
    changes.changed.push_back({world.socks[i].numbers, world.has_picture[i], 1});
  }
  SockIndex index;
  index.load(changes);
  return index;
}

// The traits of socks by id, as the pool reads them from PostgreSQL; counts
// the reads and the socks read.
struct TraitsReader {
  explicit TraitsReader(const World& world) {
    for (const SockTraits& s : world.socks) by_id[s.numbers.id] = &s;
  }
  std::vector<SockTraits> operator()(const std::vector<long long>& ids) {
    ++reads;
    socks_read += ids.size();
    std::vector<SockTraits> out;
    out.reserve(ids.size());
    for (const long long id : ids) out.push_back(*by_id.at(id));
    return out;
  }
  std::map<long long, const SockTraits*> by_id;
  int reads = 0;
  std::size_t socks_read = 0;
};

// The original: every sock with a picture, not mine, not judged, not of a user I unmatched.
std::optional<long long> reference(const World& world, const SockTraits& mine, const Exclusions& exclusions) {
  std::vector<SockTraits> candidates;
  for (std::size_t i = 0; i < world.socks.size(); ++i) {
    const SockNumbers& n = world.socks[i].numbers;
    if (!world.has_picture[i] || n.owner_id == exclusions.me || exclusions.judged.count(n.id) != 0 ||
        exclusions.unmatched.count(n.owner_id) != 0) {
      continue;
    }
    candidates.push_back(world.socks[i]);
  }
  return best_candidate(mine, candidates);
}

// The next sock as the handler chooses it: from the sock's remembered best
// candidates when they settle it, else from every candidate (remembered
// anew). Counts the times it scored the whole index.
template <typename Fetch>
std::optional<long long> choose_remembering(NextSockRankings& rankings, const SockIndex& index, const SockTraits& mine,
                                            const Exclusions& exclusions, Fetch&& fetch, int& scorings) {
  const NextSockSituation situation = NextSockSituation::of(mine, exclusions);
  const auto run = [&](NextSockChoice& choice) -> std::optional<std::optional<SockNumbers>> {
    for (auto ids = choice.next_read(); !ids.empty(); ids = choice.next_read()) choice.take(fetch(ids));
    rankings.add_scored(mine.numbers.id, index.version(), mine, choice.newly_scored());
    if (!choice.complete()) return std::nullopt;
    return choice.chosen();
  };
  std::optional<std::optional<SockNumbers>> chosen;
  if (auto ranking = rankings.find(mine.numbers.id, index.version(), situation)) {
    NextSockChoice choice =
        NextSockChoice::among_best(mine, ranking->best, ranking->unlisted_at_most, 16, ranking->scored);
    chosen = run(choice);
  }
  if (!chosen) {
    ++scorings;
    const std::vector<NumericCandidate> candidates = index.candidates(mine.numbers, exclusions);
    rankings.remember(mine.numbers.id, index.version(), situation, candidates);
    NextSockChoice choice(mine, candidates, 16, true);
    chosen = run(choice);
  }
  if (!*chosen) return std::nullopt;
  return (*chosen)->id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_next_sock)

BOOST_AUTO_TEST_CASE(the_index_chooses_as_the_original_did) {
  std::mt19937 random(19);
  const World world = random_world(random, 3000);
  const SockIndex index = index_of(world);
  TraitsReader fetch(world);
  for (int round = 0; round < 40; ++round) {
    const SockTraits& mine = world.socks[random() % world.socks.size()];
    Exclusions exclusions{mine.numbers.owner_id, {}, {}};
    const auto judged = round % 4 == 0 ? 0 : random() % 500;
    for (std::size_t i = 0; i < judged; ++i) exclusions.judged.insert(world.socks[random() % 3000].numbers.id);
    for (std::size_t i = 0; i < (round % 3 == 0 ? 0 : random() % 20); ++i) {
      exclusions.unmatched.insert(static_cast<long long>(1 + random() % 150));
    }
    const auto chosen = choose_next(mine, index.candidates(mine.numbers, exclusions), fetch, 64);
    const auto expected = reference(world, mine, exclusions);
    BOOST_TEST_REQUIRE(chosen.has_value() == expected.has_value());
    if (chosen) BOOST_TEST(chosen->id == *expected, "round " << round);
  }
  BOOST_TEST(fetch.reads > 0);
}

BOOST_AUTO_TEST_CASE(without_a_score_above_minus_one_the_lowest_id_wins) {
  // Every other sock farther from mine than the ranges (a colour 20 apart takes 10
  // off), texts that share nothing: no score beats −1.
  World world;
  SockTraits mine;
  mine.numbers = {1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0};
  for (long long id : {9, 5, 7}) {
    SockTraits far;
    far.numbers = {id, id, 21, 8, 10, 8, 13, 10, 25, 8, 1000, 10, 7, 13, 90000, 90000};
    far.special = "zzzz";
    far.about = "yyyy";
    world.socks.push_back(far);
    world.has_picture.push_back(true);
  }
  mine.special = "aaaa";
  mine.about = "bbbb";
  std::sort(world.socks.begin(), world.socks.end(),
            [](const SockTraits& a, const SockTraits& b) { return a.numbers.id < b.numbers.id; });
  const SockIndex index = index_of(world);
  const Exclusions none{1, {}, {}};
  const auto fetch = [&](const std::vector<long long>& ids) {
    std::vector<SockTraits> out;
    for (const SockTraits& s : world.socks) {
      if (std::find(ids.begin(), ids.end(), s.numbers.id) != ids.end()) out.push_back(s);
    }
    return out;
  };
  BOOST_TEST(*reference(world, mine, none) == 5);
  BOOST_TEST(choose_next(mine, index.candidates(mine.numbers, none), fetch)->id == 5);
}

BOOST_AUTO_TEST_CASE(judging_one_sock_after_another_picks_as_the_original_did) {
  // A user judges each sock offered, one after another: the choices come
  // from the remembered best candidates, the same as from every candidate.
  std::mt19937 random(23);
  const World world = random_world(random, 3000);
  const SockIndex index = index_of(world);
  TraitsReader fetch(world);
  for (const std::size_t kept : {std::size_t{1}, std::size_t{64}, std::size_t{1024}}) {
    NextSockRankings rankings(4, kept);
    fetch.socks_read = 0;
    int scorings = 0;
    int choices = 0;
    for (int user = 0; user < 3; ++user) {
      const SockTraits& mine = world.socks[random() % world.socks.size()];
      Exclusions exclusions{mine.numbers.owner_id, {}, {}};
      if (user == 1) exclusions.unmatched.insert(static_cast<long long>(1 + random() % 150));
      for (int judged = 0; judged < 40; ++judged) {
        const auto chosen = choose_remembering(rankings, index, mine, exclusions, fetch, scorings);
        const auto expected = reference(world, mine, exclusions);
        ++choices;
        BOOST_TEST_REQUIRE(chosen.has_value() == expected.has_value());
        if (!chosen) break;
        BOOST_TEST(*chosen == *expected, "kept " << kept << ", user " << user << ", judge " << judged);
        exclusions.judged.insert(*chosen);
      }
    }
    // Kept one, every choice scores the index; kept more, few do.
    if (kept == 1) BOOST_TEST(scorings >= choices / 2);
    BOOST_TEST_MESSAGE("kept " << kept << ": " << scorings << " scorings of " << choices << ", " << fetch.socks_read
                               << " texts read");
    // Kept many, few choices score the index, and each contender's texts are read once.
    if (kept == 1024) {
      BOOST_TEST(scorings < choices / 4, scorings << " of " << choices);
      BOOST_TEST(fetch.socks_read < static_cast<std::size_t>(choices) * 16, fetch.socks_read << " texts read");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_ranking_serves_only_the_same_sock_with_more_judged) {
  SockTraits mine;
  mine.numbers.id = 3;
  mine.numbers.owner_id = 4;
  const Exclusions exclusions{4, {9}, {6}};
  const NextSockSituation situation = NextSockSituation::of(mine, exclusions);
  std::vector<NumericCandidate> candidates;
  for (long long id = 10; id < 20; ++id) candidates.push_back({static_cast<double>(id % 7), id});
  NextSockRankings rankings(2, 4);
  rankings.remember(3, 1, situation, candidates);
  auto found = rankings.find(3, 1, situation);
  BOOST_TEST_REQUIRE(found.has_value());
  // The best four (score 6, 5, 5, 4: ties by the lowest id), the fifth's score bounds the rest.
  std::vector<long long> ids;
  for (const NumericCandidate& candidate : found->best) ids.push_back(candidate.id);
  BOOST_TEST((ids == std::vector<long long>{13, 12, 19, 11}));
  BOOST_TEST(found->unlisted_at_most == 4.0);
  // One of them judged since: the others.
  found = rankings.find(3, 1, NextSockSituation::of(mine, Exclusions{4, {9, 12}, {6}}));
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(found->best.size() == 3U);
  // Not for another index version, other numbers, other unmatched owners, a
  // judgement gone, or with every one of them judged.
  BOOST_TEST(!rankings.find(3, 2, situation));
  SockTraits moved = mine;
  moved.numbers.color = 9;
  BOOST_TEST(!rankings.find(3, 1, NextSockSituation::of(moved, exclusions)));
  BOOST_TEST(!rankings.find(3, 1, NextSockSituation::of(mine, Exclusions{4, {9}, {}})));
  BOOST_TEST(!rankings.find(3, 1, NextSockSituation::of(mine, Exclusions{4, {}, {6}})));
  BOOST_TEST(!rankings.find(3, 1, NextSockSituation::of(mine, Exclusions{4, {9, 13, 12, 19, 11}, {6}})));
  // Texts do not change a numeric ranking.
  SockTraits retold = mine;
  retold.about = "new";
  BOOST_TEST(rankings.find(3, 1, NextSockSituation::of(retold, exclusions)).has_value());
}

BOOST_AUTO_TEST_CASE(the_index_version_grows_only_with_real_changes) {
  SockIndex index;
  SockNumbers sock;
  sock.id = 7;
  BOOST_TEST(index.load({"10", {{sock, true, 5}}, {}}));
  const auto loaded = index.version();
  BOOST_TEST(index.watermark() == "10");
  // Read again while an older transaction ran: the same write.
  BOOST_TEST(index.apply({"10", {{sock, true, 5}}, {}}, "10"));
  BOOST_TEST(index.version() == loaded);
  // A tombstone of a sock the index never had changes nothing either.
  index.apply({"11", {}, {8}}, "10");
  BOOST_TEST(index.version() == loaded);
  // A new write of the sock (its texts may have changed: the index cannot tell).
  index.apply({"12", {{sock, true, 11}}, {}}, "11");
  BOOST_TEST(index.version() == loaded + 1);
  index.apply({"13", {}, {7}}, "12");
  BOOST_TEST(index.version() == loaded + 2);
  BOOST_TEST(index.size() == 0U);
}

BOOST_AUTO_TEST_CASE(changes_read_before_newer_ones_were_applied_are_not_applied) {
  // Two next socks read the index's changes from the same watermark, 10; the
  // second read's (newer: its sock was deleted) lands first.
  SockIndex index;
  SockNumbers sock;
  sock.id = 7;
  index.load({"10", {}, {}});
  const IndexChanges older{"12", {{sock, true, 11}}, {}};
  const IndexChanges newer{"14", {}, {7}};
  BOOST_TEST(index.apply({"13", {{sock, true, 11}}, {}}, "10"));
  BOOST_TEST(index.apply(newer, "13"));
  const auto version = index.version();
  // The older read, from 10, would bring the deleted sock back and move the watermark back.
  BOOST_TEST(!index.apply(older, "10"));
  BOOST_TEST(index.size() == 0U);
  BOOST_TEST(index.watermark() == "14");
  BOOST_TEST(index.version() == version);
  // A first load that lands after another one is not applied either.
  BOOST_TEST(!index.load({"9", {{sock, true, 3}}, {}}));
  BOOST_TEST(index.size() == 0U);
  // Nor are changes read from a watermark before the first load.
  SockIndex unloaded;
  BOOST_TEST(!unloaded.apply({"5", {{sock, true, 3}}, {}}, "4"));
  BOOST_TEST(!unloaded.loaded());
}

BOOST_AUTO_TEST_CASE(the_cache_answers_only_an_unchanged_situation) {
  SockTraits mine;
  mine.numbers.id = 3;
  mine.numbers.owner_id = 4;
  mine.special = "x";
  const Exclusions exclusions{4, {9, 8}, {}};
  NextSockCache cache(2);
  const NextSockSituation situation = NextSockSituation::of(mine, exclusions);
  BOOST_TEST((situation.judged == std::vector<long long>{8, 9}));
  BOOST_TEST(cache.find(3, 1, situation) == nullptr);
  cache.remember(3, 1, situation, Json::Value("sock 12"));
  BOOST_TEST_REQUIRE(cache.find(3, 1, situation) != nullptr);
  BOOST_TEST((*cache.find(3, 1, situation))->asString() == "sock 12");
  BOOST_TEST(cache.find(3, 2, situation) == nullptr);  // the index changed
  const Exclusions judged_more{4, {9, 8, 12}, {}};
  BOOST_TEST(cache.find(3, 1, NextSockSituation::of(mine, judged_more)) == nullptr);
  const Exclusions unmatched{4, {9, 8}, {6}};
  BOOST_TEST(cache.find(3, 1, NextSockSituation::of(mine, unmatched)) == nullptr);
  SockTraits edited = mine;
  edited.about = "new";
  BOOST_TEST(cache.find(3, 1, NextSockSituation::of(edited, exclusions)) == nullptr);
  // "No more socks" is an answer too.
  cache.remember(5, 1, situation, std::nullopt);
  BOOST_TEST_REQUIRE(cache.find(5, 1, situation) != nullptr);
  BOOST_TEST(!cache.find(5, 1, situation)->has_value());
  // Full: it starts again.
  cache.remember(6, 1, situation, std::nullopt);
  BOOST_TEST(cache.size() == 1U);
}

BOOST_AUTO_TEST_CASE(id_lists_are_read_strictly) {
  BOOST_TEST(id_list("").empty());
  BOOST_TEST((id_list("5") == std::vector<long long>{5}));
  BOOST_TEST((id_list("1,22,-3") == std::vector<long long>{1, 22, -3}));
  BOOST_CHECK_THROW(id_list("1,"), std::runtime_error);
  BOOST_CHECK_THROW(id_list("1;2"), std::runtime_error);
  BOOST_CHECK_THROW(id_list(",1"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hotsox_sock_index_packing)

BOOST_AUTO_TEST_CASE(packed_socks_are_read_back_in_column_order) {
  const auto socks =
      unpack_changes("7,3,1,2,3,4,5,6,7,8,900,2,3,4,20000,19999,1,1234;8,3,1,1,1,1,1,0,0,1,0,1,0,1,5,6,0,99");
  BOOST_TEST_REQUIRE(socks.size() == 2U);
  const SockNumbers expected{7, 3, 1, 2, 3, 4, 5, 6, 7, 8, 900, 2, 3, 4, 20000, 19999};
  BOOST_TEST((socks[0].numbers == expected));
  BOOST_TEST(socks[0].has_picture);
  BOOST_TEST(socks[0].changed_xid == 1234U);
  BOOST_TEST(socks[1].numbers.id == 8);
  BOOST_TEST(!socks[1].has_picture);
  BOOST_TEST(unpack_changes("").empty());
  BOOST_CHECK_THROW(unpack_changes("1,2,3"), std::runtime_error);  // too few
  BOOST_CHECK_THROW(unpack_changes("7,3,1,2,3,4,5,6,7,8,900,2,3,4,20000,19999,1,1234,5"),
                    std::runtime_error);  // too many
  BOOST_CHECK_THROW(unpack_changes("7,3,1,2,3,4,5,6,7,8,900,2,3,4,20000,19999,1,"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
