#include "apps/github/profile_store.h"

#include "apps/github/term_counts.h"

#include <unistd.h>

namespace github {

namespace {

constexpr std::chrono::seconds kAnswerTtl{60};
// Up to this many matches, fetching them all by trigram and sorting beats
// walking the primary key (which reads about 25 × 1M / matches rows for page 1).
constexpr long long kFewMatches = 2000;
constexpr const char* kColumns = "id, username, image_url, type, profile_url";

std::vector<Profile> profiles(const pqxx::result& rows) {
  std::vector<Profile> result;
  result.reserve(rows.size());
  for (const auto& row : rows) {
    result.push_back(Profile{row[0].as<long long>(), row[1].as<std::string>(), row[2].as<std::string>(),
                             row[3].as<std::string>(), row[4].as<std::string>()});
  }
  return result;
}

// The id filter matches at most one row; the username filter then applies in C++.
std::vector<Profile> filter_by_username(std::vector<Profile> rows, const std::string& username) {
  if (username.empty()) return rows;
  std::erase_if(rows, [&](const Profile& p) { return !contains_ignoring_case(p.username, username); });
  return rows;
}

}  // namespace

std::vector<store::Statement> statements() {
  const std::string select = std::string("SELECT ") + kColumns + " FROM github_users ";
  const std::string matches = "lower(username) LIKE '%' || lower($1) || '%'";
  return {
      {"github_total", "SELECT total FROM github_users_meta"},
      {"github_count_matching", "SELECT count(*) FROM github_users WHERE " + matches},
      // NULL until a seed has counted the short terms of the current rows.
      {"github_term_count",
       "SELECT CASE WHEN term_counts_ready THEN coalesce((SELECT total FROM github_users_term_counts "
       "WHERE term = $1), 0) END FROM github_users_meta"},
      {"github_page_by_id", select + "WHERE id_rank > $1 ORDER BY id_rank LIMIT $2"},
      {"github_page_by_type", select + "WHERE type_rank > $1 ORDER BY type_rank LIMIT $2"},
      {"github_matching_by_id", select + "WHERE " + matches + " ORDER BY id LIMIT $2 OFFSET $3"},
      // The same for a term with few matches: all of them from the trigram
      // index, then sorted (the plan above walks the primary key past every
      // non-match, which for a rare term is most of the table).
      {"github_few_matching_by_id", std::string("SELECT * FROM (") + select + "WHERE " + matches +
                                        " OFFSET 0) AS matching ORDER BY id LIMIT $2 OFFSET $3"},
      // OFFSET 0 fences the filter off: match first (trigram index), then sort
      // the matches, instead of walking the (type, id) index past every non-match.
      {"github_matching_by_type", std::string("SELECT * FROM (") + select + "WHERE " + matches +
                                      " OFFSET 0) AS matching ORDER BY type, id LIMIT $2 OFFSET $3"},
      {"github_by_id", select + "WHERE id = $1"},
  };
}

long long ProfileStore::count(const ProfileQuery& query) {
  return db_.read([&](pqxx::nontransaction& tx) -> long long {
    if (query.id) {
      return static_cast<long long>(
          filter_by_username(profiles(tx.exec_prepared("github_by_id", *query.id)), query.username).size());
    }
    if (!query.username.empty()) {
      // A short term matches too many rows to count quickly: the seed counted it.
      if (const auto term = counted_term(query.username)) {
        const pqxx::result counted = tx.exec_prepared("github_term_count", *term);
        if (!counted[0][0].is_null()) return counted[0][0].as<long long>();
      }
      return tx.exec_prepared("github_count_matching", escape_like(query.username))[0][0].as<long long>();
    }
    return tx.exec_prepared("github_total")[0][0].as<long long>();
  });
}

std::vector<Profile> ProfileStore::page(const ProfileQuery& query, const platform::Page& page) {
  // The count is exact: past it there is nothing to find, and a search for a
  // term no username holds would otherwise walk the whole table looking.
  if (page.offset >= page.total) return {};
  return db_.read([&](pqxx::nontransaction& tx) {
    if (query.id) {
      auto rows = filter_by_username(profiles(tx.exec_prepared("github_by_id", *query.id)), query.username);
      return page.offset == 0 ? rows : std::vector<Profile>{};
    }
    const bool by_type = query.order == Order::kType;
    if (!query.username.empty()) {
      // The exact count picks the plan: PostgreSQL's own estimate of a
      // substring's matches is a guess. The trigram index needs 3 characters.
      const bool few = page.total <= kFewMatches && query.username.size() >= 3;
      const char* statement =
          by_type ? "github_matching_by_type" : (few ? "github_few_matching_by_id" : "github_matching_by_id");
      return profiles(tx.exec_prepared(statement, escape_like(query.username), page.per_page, page.offset));
    }
    return profiles(
        tx.exec_prepared(by_type ? "github_page_by_type" : "github_page_by_id", page.offset, page.per_page));
  });
}

std::optional<std::string> AnswerCache::find(const ProfileQuery& query) {
  // One round trip: the generation and the answer stored under it.
  const store::Reply reply = cache_.command({"EVAL",
                                             "local g = redis.call('GET', KEYS[1]) or '0' "
                                             "return {g, redis.call('GET', 'github:profiles:' .. g .. ':' .. ARGV[1])}",
                                             "1", kGenerationKey, query.normalized()});
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 1) return std::nullopt;
  generation_.assign(reply->element[0]->str, reply->element[0]->len);
  if (reply->elements < 2 || reply->element[1]->type != REDIS_REPLY_STRING) return std::nullopt;
  return std::string(reply->element[1]->str, reply->element[1]->len);
}

void AnswerCache::store(const ProfileQuery& query, const std::string& answer) {
  cache_.set_with_ttl("github:profiles:" + generation_ + ":" + query.normalized(), answer, kAnswerTtl);
}

std::optional<long long> AnswerCache::find_count(const ProfileQuery& query) {
  const auto count = cache_.get(count_key(query));
  if (!count) return std::nullopt;
  return std::stoll(*count);
}

void AnswerCache::store_count(const ProfileQuery& query, long long count) {
  const std::string key = count_key(query);
  cache_.set_with_ttl(key, std::to_string(count), kAnswerTtl);
  cache_.del(key + ":counting");
}

std::optional<long long> AnswerCache::claim_count(const ProfileQuery& query) {
  const std::string key = count_key(query);
  const store::Reply claimed = cache_.command({"SET", key + ":counting", "1", "NX", "EX", "5"});
  if (claimed->type == REDIS_REPLY_STATUS) return std::nullopt;  // ours to count
  for (int wait = 0; wait < 100; ++wait) {
    usleep(10'000);
    if (auto count = find_count(query)) return count;
  }
  return std::nullopt;  // the counting worker is slow or gone: count here
}

std::string AnswerCache::count_key(const ProfileQuery& query) const {
  ProfileQuery every_page = query;
  every_page.page = {};
  every_page.order = Order::kId;
  return "github:count:" + generation_ + ":" + every_page.normalized();
}

}  // namespace github
