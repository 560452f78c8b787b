#include "apps/github/handlers.h"

#include "apps/github/profile_store.h"
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

// The exact count of what the query matches: by key when it can be, else
// from KeyDB when counted in the last minute (and counted by one worker at a time).
platform::Task<long long> total_of(const ProfileQuery& query, AnswerCache& cache, ProfileStore& profiles,
                                   bool& cache_up) {
  if (const std::optional<long long> counted = co_await profiles.count_by_key(query)) co_return *counted;
  std::optional<long long> total;
  if (cache_up) {
    try {
      total = co_await cache.find_count(query);
      if (!total) total = co_await cache.claim_count(query);
    } catch (const platform::DependencyError&) {
      cache_up = false;
    }
  }
  if (total) co_return *total;
  total = co_await profiles.count_matching(query);
  if (cache_up) {
    try {
      co_await cache.store_count(query, *total);
    } catch (const platform::DependencyError&) {
      cache_up = false;
    }
  }
  co_return *total;
}

}  // namespace

// Asynchronous: the worker serves other requests while KeyDB and PostgreSQL answer.
platform::Task<platform::Response> list_profiles(const platform::Request& request, server::Context& context) {
  const ProfileQuery query = parse_profile_query(request.query);
  AnswerCache cache(context.pipelined_cache, context.timers, context.state<KeptAnswers>());
  bool cache_up = true;
  try {
    if (auto cached = co_await cache.find(query)) co_return json_text(std::move(*cached));
  } catch (const platform::DependencyError&) {
    cache_up = false;  // KeyDB down: answer from PostgreSQL
  }
  ProfileStore profiles(context.pipelined_db, context.pipelined_long_dbs);
  const long long total = co_await total_of(query, cache, profiles, cache_up);
  const platform::Page page = platform::paginate(query.page, total);
  if (!page.exists()) {
    throw platform::HttpError(
        404, "not_found",
        "There is no page " + std::to_string(page.page) + " (" + std::to_string(page.pages) + " pages)");
  }
  const std::vector<Profile> found = co_await profiles.page(query, page);
  std::string answer = answer_json(page, found);
  if (cache_up) {
    try {
      co_await cache.store(query, answer);
    } catch (const platform::DependencyError&) {
    }
  }
  co_return json_text(std::move(answer));
}

}  // namespace github
