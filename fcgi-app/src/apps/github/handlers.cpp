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

}  // namespace

platform::Response list_profiles(const platform::Request& request, server::Context& context) {
  const ProfileQuery query = parse_profile_query(request.query);
  AnswerCache cache(context.cache);
  bool cache_up = true;
  try {
    if (auto cached = cache.find(query)) return json_text(std::move(*cached));
  } catch (const platform::DependencyError&) {
    cache_up = false;  // KeyDB down: answer from PostgreSQL
  }
  ProfileStore profiles(context.db);
  std::optional<long long> total;
  if (cache_up && query.filtered()) {
    try {
      total = cache.find_count(query);
      if (!total) total = cache.claim_count(query);
    } catch (const platform::DependencyError&) {
      cache_up = false;
    }
  }
  if (!total) {
    total = profiles.count(query);
    if (cache_up && query.filtered()) {
      try {
        cache.store_count(query, *total);
      } catch (const platform::DependencyError&) {
        cache_up = false;
      }
    }
  }
  const platform::Page page = platform::paginate(query.page, *total);
  if (!page.exists()) {
    throw platform::HttpError(
        404, "not_found",
        "There is no page " + std::to_string(page.page) + " (" + std::to_string(page.pages) + " pages)");
  }
  std::string answer = answer_json(page, profiles.page(query, page));
  if (cache_up) {
    try {
      cache.store(query, answer);
    } catch (const platform::DependencyError&) {
    }
  }
  return json_text(std::move(answer));
}

}  // namespace github
