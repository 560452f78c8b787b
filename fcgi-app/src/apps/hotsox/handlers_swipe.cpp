#include "apps/hotsox/auth.h"
#include "apps/hotsox/field_limits.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/representation.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/swipe_store.h"

#include <stdexcept>

namespace hotsox {

namespace {

using platform::HttpError;
using platform::Response;

HttpError error(int status, const std::string& text) {
  Json::Value body(Json::objectValue);
  body["error"] = text;
  return HttpError::with_body(status, body);
}

HttpError no_matches() {
  Json::Value body(Json::objectValue);
  body["message"] = "No matches found :(";
  return HttpError::with_body(404, body);
}

Json::Value message(const std::string& text) {
  Json::Value body(Json::objectValue);
  body["message"] = text;
  return body;
}

HttpError judge_error(JudgeFailure failure) {
  switch (failure) {
    case JudgeFailure::kMySockMissing: return error(404, "your sock was not found");
    case JudgeFailure::kOtherSockMissing: return error(404, "sock to decide on was not found");
    case JudgeFailure::kOwnSock: return error(400, "You can not like your own sock!");
  }
  throw std::logic_error("unknown judge failure");
}

// The `like` query parameter: true or false, nothing else.
std::optional<bool> like_parameter(const platform::Request& request) {
  const auto like = request.query.get("like");
  if (like == "true" || like == "True") return true;
  if (like == "false" || like == "False") return false;
  return std::nullopt;
}

}  // namespace

// Contenders read at a time: texts rarely decide much, so most of the window
// is usually read; a few large batches beat many round trips.
constexpr std::size_t kTraitsBatch = 256;

Response next_sock(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  SwipeStore swipes(context.db);
  const auto sock_id = parse_id(request.param("sock_id"));
  const auto query = sock_id ? swipes.next_sock_query(me.id, *sock_id) : std::nullopt;
  if (!query) throw error(400, "this sock was not found");
  SockIndex& index = SockIndex::of_this_process();
  index.catch_up(context.db);
  const auto winner = pick_best(
      query->mine, contenders(index.candidates(query->mine.numbers, query->exclusions)),
      [&](const std::vector<long long>& ids) { return swipes.candidate_traits(ids); }, kTraitsBatch);
  auto sock = winner ? SockStore(context.db).find(winner->owner_id, winner->id) : std::nullopt;
  if (!sock) throw error(404, "no more socks");
  return Response::json(200, sock_json(*sock));
}

Response judge_sock(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const auto sock_id = parse_id(request.param("sock_id"));
  const auto other_sock_id = parse_id(request.param("other_sock_id"));
  if (!sock_id) throw error(404, "your sock was not found");
  if (!other_sock_id) throw error(404, "sock to decide on was not found");
  const auto like = like_parameter(request);
  // The checks of SPEC.md in their order: the socks first, then `like`.
  if (!like) {
    const auto failure = SwipeStore(context.db).check_judgement(me.id, *sock_id, *other_sock_id);
    if (!failure) throw error(400, "You need to set the like query parameter to either true or false");
    throw judge_error(*failure);
  }
  const auto result = SwipeStore(context.db).judge(me.id, *sock_id, *other_sock_id, *like);
  if (const auto* failure = std::get_if<JudgeFailure>(&result)) throw judge_error(*failure);
  const auto& judged = std::get<JudgeResult>(result);
  const std::string sock = "sock " + std::to_string(*other_sock_id);
  switch (judged.outcome) {
    case JudgeOutcome::kDisliked: return Response::json(201, message(sock + " was disliked"));
    case JudgeOutcome::kAlreadyLiked: {
      Json::Value body = message(sock + " was already liked");
      body["match"] = "no new match";
      return Response::json(208, body);
    }
    case JudgeOutcome::kLikedNoMatch: {
      Json::Value body = message(sock + " was liked");
      body["match"] = "no new match";
      return Response::json(201, body);
    }
    case JudgeOutcome::kMatched: {
      Json::Value body = message(sock + " was liked");
      body["match"] = match_json(*judged.match);
      return Response::json(201, body);
    }
  }
  throw std::logic_error("unknown judge outcome");
}

Response list_matches(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const auto matches = SwipeStore(context.db).matches(me.id);
  if (matches.empty()) throw no_matches();
  return Response::json(200, json_list(matches, match_json));
}

Response get_match(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const auto id = parse_id(request.param("id"));
  const auto match = id ? SwipeStore(context.db).match(me.id, *id) : std::nullopt;
  if (!match) throw no_matches();
  return Response::json(200, match_json(*match));
}

Response unmatch(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const auto id = parse_id(request.param("id"));
  if (!id || !SwipeStore(context.db).unmatch(me.id, *id)) throw no_matches();
  return Response::json(200, message("successfully unmatched"));
}

Response list_mail(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  return Response::json(200, json_list(SwipeStore(context.db).mails(me.id), mail_json));
}

Response send_mail(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const Json::Value body = read_body(request);
  FieldReader reader(body, false);
  const auto subject =
      reader.text("subject", {.required = true, .allow_blank = false, .max_length = kMaxMailSubjectLength});
  const auto text =
      reader.text("message", {.required = true, .allow_blank = false, .max_length = kMaxMailMessageLength});
  if (!reader.errors().empty()) throw HttpError::with_body(400, field_errors_json(reader.errors()));
  return Response::json(201, mail_json(SwipeStore(context.db).send_mail(me.id, *subject, *text)));
}

Response delete_mail(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const auto id = parse_id(request.param("id"));
  if (!id || !SwipeStore(context.db).delete_mail(me.id, *id)) throw detail_error(404, "Not found.");
  return Response::no_content();
}

Response list_sent_chats(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  return Response::json(200, json_list(SwipeStore(context.db).chats_sent(me.id), chat_json));
}

namespace {

// The match between me and `username`: 400 for myself, 404 without one.
struct Conversation {
  long long partner_id;
  long long match_id;
};
Conversation conversation(const platform::Request& request, platform::Context& context, const Principal& me) {
  SwipeStore swipes(context.db);
  const auto partner = swipes.partner(me.id, request.param("username"));
  if (partner && partner->user_id == me.id) throw error(400, "You can not chat with yourself");
  if (!partner || !partner->match_id) throw error(404, "You have no match with this user");
  return {partner->user_id, *partner->match_id};
}

}  // namespace

Response get_chat(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const Conversation with = conversation(request, context, me);
  return Response::json(200, json_list(SwipeStore(context.db).chat(with.match_id), chat_json));
}

Response send_chat(const platform::Request& request, platform::Context& context) {
  const Principal me = require_user(request, context);
  const Conversation with = conversation(request, context, me);
  const Json::Value body = read_body(request);
  FieldReader reader(body, false);
  const auto text = reader.text("message", {.required = true, .allow_blank = false, .max_length = kMaxChatLength});
  if (!reader.errors().empty()) throw HttpError::with_body(400, field_errors_json(reader.errors()));
  const ChatMessage sent = SwipeStore(context.db).send_chat(with.match_id, me.id, with.partner_id, *text);
  return Response::json(201, chat_json(sent));
}

}  // namespace hotsox
