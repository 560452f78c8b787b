#include "apps/phgen/handlers.h"

#include "apps/phgen/cors.h"
#include "apps/phgen/phrase_store.h"
#include "apps/phgen/phrase_swap.h"
#include "apps/phgen/routes.h"
#include "platform/access_log.h"
#include "platform/dependency.h"
#include "platform/json.h"
#include "platform/paging.h"
#include "platform/text.h"
#include "store/keydb.h"
#include "store/pipelined_keydb.h"

namespace phgen {

namespace {

using platform::HttpError;
using platform::Response;

Json::Value phrase_json(const Phrase& phrase) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(phrase.id);
  value["phrase"] = phrase.text;
  return value;
}

// The original front end may be served from another origin.
Response public_json(const Json::Value& body) {
  return Response::json(200, body).with_header("Access-Control-Allow-Origin", kAllowAnyOrigin);
}

Response current_phrase_response(const std::string& phrase) {
  Json::Value body(Json::objectValue);
  body["current_phrase"] = phrase;
  return public_json(body);
}

}  // namespace

std::vector<std::string> near_cached_keys() { return {std::string(kCurrentPhraseKey)}; }

// Asynchronous, as is every handler here: the worker serves other requests
// while this one waits (a near-cached phrase is answered without waiting).
platform::Task<Response> get_current_phrase(const platform::Request&, server::Context& context) {
  const std::string key(kCurrentPhraseKey);
  try {
    if (auto current = co_await context.pipelined_cache.get(key)) co_return current_phrase_response(*current);
    // No current phrase yet: pick one. NX keeps the first pick when two workers race.
    const Phrase phrase = co_await next_phrase_from_database(context.pipelined_db, std::nullopt);
    const bool stored = co_await context.pipelined_cache.set_if_absent(key, phrase.text);
    if (!stored) {
      if (auto winner = co_await context.pipelined_cache.get(key)) co_return current_phrase_response(*winner);
    }
    co_return current_phrase_response(phrase.text);
  } catch (const platform::DependencyError& error) {
    if (error.dependency() != platform::Dependency::kKeyDb) throw;
  }
  // Reading must keep working without the cache: answer from the database.
  const Phrase phrase = co_await next_phrase_from_database(context.pipelined_db, std::nullopt);
  co_return current_phrase_response(phrase.text);
}

// Asynchronous: the worker serves other requests while this one waits, and
// sends the KeyDB swaps of all of them in one write. The pick costs no round
// trip while the worker's copy of the table is current (phrase_swap.h).
platform::Task<Response> change_current_phrase(const platform::Request&, server::Context& context) {
  const Phrase phrase = co_await swap_in_next_phrase(context);
  Json::Value body(Json::objectValue);
  body["current_new_phrase"] = phrase.text;
  co_return public_json(body);
}

platform::Task<Response> list_phrases(const platform::Request& request, server::Context& context) {
  const auto page_request = platform::parse_page_request(request.query, 25, 100);
  PhraseStore phrases(context.pipelined_db);
  const long long total = co_await phrases.count();
  const platform::Page page = platform::paginate(page_request, total);
  if (!page.exists()) throw HttpError(404, "not_found", "There is no page " + std::to_string(page.page));
  const std::vector<Phrase> listed = co_await phrases.list(page.per_page, page.offset);
  Json::Value body(Json::objectValue);
  body["phrases"] = Json::Value(Json::arrayValue);
  for (const Phrase& phrase : listed) body["phrases"].append(phrase_json(phrase));
  body["page"] = Json::Int64(page.page);
  body["pagination"] = Json::Int64(page.per_page);
  body["total"] = Json::Int64(page.total);
  body["pages"] = Json::Int64(page.pages);
  body["has_prev"] = page.has_prev;
  body["has_next"] = page.has_next;
  co_return Response::json(200, body);
}

platform::Task<Response> add_phrase(const platform::Request& request, server::Context& context) {
  const auto body = platform::parse_json(request.body);
  if (!body || !body->isObject() || !(*body)["phrase"].isString()) {
    throw HttpError(400, "bad_request", "Send a JSON object: {\"phrase\": \"...\"}");
  }
  const std::string text = (*body)["phrase"].asString();
  if (auto error = phrase_error(text)) throw HttpError(400, "bad_request", *error);
  PhraseStore phrases(context.pipelined_db);
  const auto phrase = co_await phrases.insert(text);
  if (!phrase) throw HttpError(409, "conflict", "This phrase already exists");
  try {
    co_await renew_phrases_version(context.pipelined_cache);  // so that changes pick it
  } catch (const platform::DependencyError& error) {
    // The phrase is stored, so this is a 201; the copies are read again soon anyway (phrase_memory.h).
    if (error.dependency() != platform::Dependency::kKeyDb) throw;
    platform::log_event("warning", std::string("phgen: a phrase was added with KeyDB failing: ") + error.what());
  }
  co_return Response::json(201, phrase_json(*phrase));
}

platform::Task<Response> delete_phrase(const platform::Request& request, server::Context& context) {
  // Not a typed {id:int}: a bad id is this API's 400, after the admin check, not the router's 404.
  const std::string& text = request.param("id");
  const auto id = platform::parse_integer(text);
  if (!id) throw HttpError(400, "bad_request", "The phrase id must be a whole number");
  PhraseStore phrases(context.pipelined_db);
  const auto phrase = co_await phrases.find(*id);
  if (!phrase) throw HttpError(404, "not_found", "No phrase with id " + text);
  // A new token first: with KeyDB down the request fails before anything changed.
  co_await renew_phrases_version(context.pipelined_cache);
  co_await phrases.remove(*id);
  // Another after the removal: a pick from a copy read before it can no longer
  // be swapped in (swap_in_next_phrase checks the token), and one swapped in
  // before now is cleared, only if it still holds this phrase.
  co_await renew_phrases_version(context.pipelined_cache);
  co_await context.pipelined_cache.delete_if_equals(std::string(kCurrentPhraseKey), phrase->text);
  co_return Response::no_content();
}

}  // namespace phgen
