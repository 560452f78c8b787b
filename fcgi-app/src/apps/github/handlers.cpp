#include "apps/github/handlers.h"

#include "apps/github/profile_store.h"
#include "platform/detached.h"
#include "platform/json.h"

namespace github {

namespace {

Json::Value optional_number(const std::optional<long long>& value) {
  return value ? Json::Value(Json::Int64(*value)) : Json::Value(Json::nullValue);
}

std::string answer_json(const platform::Page& page, const std::vector<Profile>& profiles) {
  Json::Value body(Json::objectValue);
  body["has_next"] = page.has_next;
  body["has_prev"] = page.has_prev;
  body["next_num"] = optional_number(page.next_num);
  body["prev_num"] = optional_number(page.prev_num);
  body["users"] = Json::Value(Json::arrayValue);
  for (const Profile& profile : profiles) {
    Json::Value user(Json::objectValue);
    user["id"] = Json::Int64(profile.id);
    user["image_url"] = profile.image_url;
    user["profile_url"] = profile.profile_url;
    user["type"] = profile.type;
    user["username"] = profile.username;
    body["users"].append(user);
  }
  body["page"] = Json::Int64(page.page);
  body["pagination"] = Json::Int64(page.per_page);
  body["total"] = Json::Int64(page.total);
  body["pages"] = Json::Int64(page.pages);
  return platform::to_json(body);
}

platform::Response json_text(std::string body) {
  return platform::Response::text(200, std::move(body), "application/json");
}

// The count another worker is making now, or nullopt when this worker is to count.
platform::Task<std::optional<long long>> claimed_count(const ProfileQuery& query, AnswerCache& cache,
                                                       std::optional<bool> claimed, bool& cache_up) {
  try {
    co_return co_await cache.claim_count(query, claimed);
  } catch (const platform::DependencyError&) {
    cache_up = false;
  }
  co_return std::nullopt;
}

// Stored without waiting: nobody waits for KeyDB to take them.
platform::Detached store_count_later(AnswerCache cache, ProfileQuery query, long long count) {
  try {
    co_await cache.store_count(std::move(query), count);
  } catch (const platform::DependencyError&) {
  }
}

platform::Detached store_answer_later(AnswerCache cache, ProfileQuery query, std::string answer) {
  try {
    co_await cache.store(std::move(query), std::move(answer));
  } catch (const platform::DependencyError&) {
  }
}

platform::Page existing_page(const ProfileQuery& query, long long total) {
  const platform::Page page = platform::paginate(query.page, total);
  if (!page.exists()) {
    throw platform::HttpError(
        404, "not_found",
        "There is no page " + std::to_string(page.page) + " (" + std::to_string(page.pages) + " pages)");
  }
  return page;
}

}  // namespace

// Asynchronous: the worker serves other requests while KeyDB and PostgreSQL answer.
platform::Task<platform::Response> list_profiles(const platform::Request& request, server::Context& context) {
  const ProfileQuery query = parse_profile_query(request.query);
  AnswerCache cache(context.pipelined_cache, context.timers, context.state<KeptAnswers>());
  bool cache_up = true;
  AnswerCache::Cached cached;
  try {
    cached = co_await cache.find(query, !ProfileStore::may_count_by_key(query));
    if (cached.answer) co_return json_text(std::move(*cached.answer));
  } catch (const platform::DependencyError&) {
    cache_up = false;  // KeyDB down: answer from PostgreSQL
  }
  // The count is exact: read by key where it can be, else counted in the last
  // minute, else counted with the page (by one worker at a time: when several
  // miss at once, the others wait for its count).
  ProfileStore profiles(context.pipelined_db, context.pipelined_long_dbs);
  std::optional<CountedPage> counted = co_await profiles.count_by_key(query);
  if (!counted && cached.count) counted = CountedPage(*cached.count);
  if (!counted && cache_up) {
    const std::optional<long long> claimed = co_await claimed_count(query, cache, cached.claimed, cache_up);
    if (claimed) counted = CountedPage(*claimed);
  }
  if (!counted) {
    counted = co_await profiles.count_and_page(query);
    if (cache_up) store_count_later(cache, query, counted->total);  // for the others' claims, even on a 404
  }
  const platform::Page page = existing_page(query, counted->total);
  std::vector<Profile> found;
  if (counted->profiles) {
    found = std::move(*counted->profiles);
  } else {
    found = co_await profiles.page(query, page, std::move(*counted));
  }
  std::string answer = answer_json(page, found);
  if (cache_up) store_answer_later(cache, query, answer);
  co_return json_text(std::move(answer));
}

}  // namespace github
