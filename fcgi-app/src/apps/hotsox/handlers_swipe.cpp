#include "apps/hotsox/auth.h"
#include "apps/hotsox/field_limits.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/next_sock_cache.h"
#include "apps/hotsox/next_sock_read.h"
#include "apps/hotsox/representation.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/sock_index.h"
#include "apps/hotsox/store.h"
#include "apps/hotsox/swipe_store.h"
#include "store/transaction_pool.h"

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

// The `like` query parameter as the original read it: missing or empty is
// no answer, exactly "true" a like, anything else a dislike.
std::optional<bool> like_parameter(const platform::Request& request) {
  const auto like = request.query.last("like");  // a repeated name: Django's last value
  if (!like || like->empty()) return std::nullopt;
  return *like == "true";
}

// The original's errors that are a bare status: no body, no Content-Type.
Response empty(int status) { return Response::no_content(status); }

// The judge's new match: both users and both socks as the other side sees them.
Json::Value new_match_json(store::Database& db, platform::Date today, const MatchRecord& match) {
  AccountStore accounts(db);
  SockStore socks(db);
  const auto me = accounts.find(match.user);
  const auto other = accounts.find(match.other_user);
  const auto my_sock = match.sock ? socks.find_any(*match.sock) : std::nullopt;
  const auto other_sock = match.other_sock ? socks.find_any(*match.other_sock) : std::nullopt;
  // Deleted between the judge's commit and this read: the match is still made.
  if (!me || !other || !my_sock || !other_sock) throw std::runtime_error("a new match's user or sock went away");
  Json::Value value(Json::objectValue);
  value["user"] = user_for_match_json(*me, today);
  value["other_user"] = user_for_match_json(*other, today);
  value["sock"] = sock_for_match_json(*my_sock);
  value["other_sock"] = sock_for_match_json(*other_sock);
  value["chatroom_uuid"] = match.chatroom_uuid;
  return value;
}

}  // namespace

// Contenders read at a time: texts rarely decide much, so most of the window
// is usually read; a few large batches beat many round trips.
constexpr std::size_t kTraitsBatch = 256;

namespace {

// The choice itself: the contenders' texts read, the winner read as shown,
// each awaited on the pipelined connection. nullopt when the choice is not
// complete (NextSockChoice::among_best). `choice` is the caller's, which
// outlives this coroutine: the caller remembers what it scored.
platform::Task<std::optional<NextSockAnswer>> decide_next(server::Context& context, NextSockChoice& choice) {
  for (std::vector<long long> ids = choice.next_read(); !ids.empty(); ids = choice.next_read()) {
    const std::vector<SockTraits> read = co_await read_candidate_traits(context.pipelined_db, std::move(ids));
    choice.take(read);
  }
  if (!choice.complete()) co_return std::nullopt;
  const std::optional<SockNumbers> winner = choice.chosen();
  if (!winner) co_return NextSockAnswer();
  const std::optional<Sock> sock = co_await read_shown_sock(context.pipelined_db, winner->owner_id, winner->id);
  if (!sock) co_return NextSockAnswer();
  co_return NextSockAnswer(sock_with_id_json(*sock));
}

}  // namespace

// One round trip when nothing changed since this worker last answered for
// the sock: the caller's account, my sock, its exclusions and the index's
// changes are one read, and the answer comes from the worker's NextSockCache.
// After a judge, the choice starts from the sock's best scored candidates
// (NextSockRankings), and scores the whole index only when they run out.
// Every read is awaited: the worker serves other requests meanwhile, and
// other next socks may run between two reads of this one (sock_index.h says
// how the index stays consistent).
platform::Task<Response> next_sock(const platform::Request& request, server::Context& context, Caller caller) {
  const long long sock_id = request.int_param("sock_id");
  SockIndex& index = context.state<SockIndex>();
  if (!index.loaded()) co_await catch_up(index, context.pipelined_long_dbs.least_busy());
  const std::string since = index.watermark();
  const NextSockRead read = co_await read_next_sock(context.pipelined_db, caller.id(), sock_id, since);
  if (read.changes_complete) {
    index.apply(read.changes, since);
  } else {
    co_await catch_up(index, context.pipelined_long_dbs.least_busy());
  }
  caller.admit(read.account);  // the caller's 401s come first, as kUser's do
  if (!read.mine) throw error(400, "this sock was not found");
  NextSockCache& cache = context.state<NextSockCache>();
  NextSockSituation situation = NextSockSituation::of(*read.mine, read.exclusions);
  // The index may change while the choice awaits its reads: the answer is
  // remembered for the version it was chosen on.
  std::uint64_t version = index.version();
  if (const NextSockAnswer* remembered = cache.find(sock_id, version, situation)) {
    if (!*remembered) throw error(404, "no more socks");
    co_return Response::json(200, **remembered);
  }
  NextSockRankings& rankings = context.state<NextSockRankings>();
  std::optional<NextSockAnswer> decided;
  if (std::optional<NextSockRankings::Ranking> ranking = rankings.find(sock_id, version, situation)) {
    NextSockChoice choice = NextSockChoice::among_best(*read.mine, std::move(ranking->best), ranking->unlisted_at_most,
                                                       kTraitsBatch, std::move(ranking->scored));
    decided = co_await decide_next(context, choice);
    rankings.add_scored(sock_id, version, *read.mine, choice.newly_scored());
  }
  if (!decided) {
    version = index.version();
    std::vector<NumericCandidate> candidates = index.candidates(read.mine->numbers, read.exclusions);
    rankings.remember(sock_id, version, situation, candidates);
    NextSockChoice choice(*read.mine, std::move(candidates), kTraitsBatch, true);
    decided = co_await decide_next(context, choice);
    rankings.add_scored(sock_id, version, *read.mine, choice.newly_scored());
  }
  cache.remember(sock_id, version, std::move(situation), *decided);
  if (!*decided) throw error(404, "no more socks");
  co_return Response::json(200, **decided);
}

namespace {

// A judgement, on one of the transaction pool's threads (its connection
// `db`): the caller's account read, the checks, and the judge's transaction.
Response judged(store::Database& db, const Caller& caller, platform::Date today, long long sock_id,
                long long other_sock_id, std::optional<bool> like) {
  const Principal me = caller.admit(AccountStore(db).principal(caller.id()));
  // The checks of SPEC.md in their order: the socks first, then `like`.
  if (!like) {
    const auto failure = SwipeStore(db).check_judgement(me.id, sock_id, other_sock_id);
    if (!failure) throw error(400, "You need to set the like query parameter to either true or false");
    throw judge_error(*failure);
  }
  const auto result = SwipeStore(db).judge(me.id, sock_id, other_sock_id, *like);
  if (!result) throw judge_error(result.error());
  const JudgeResult& judged = *result;
  // Literal angle brackets, as the original wrote them.
  const std::string sock = "sock <" + std::to_string(other_sock_id) + ">";
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
      body["match"] = new_match_json(db, today, *judged.match);
      return Response::json(201, body);
    }
  }
  throw std::logic_error("unknown judge outcome");
}

// Made here, outside the coroutine (store/transaction_pool.h says why).
store::TransactionPool::Run<Response> judge_on_pool(server::Context& context, Caller caller, long long sock_id,
                                                    long long other_sock_id, std::optional<bool> like) {
  return context.transactions.run(
      [caller = std::move(caller), today = context.config.today(), sock_id, other_sock_id, like](store::Database& db) {
        return judged(db, caller, today, sock_id, other_sock_id, like);
      });
}

}  // namespace

// The judge's transaction locks both socks and waits on PostgreSQL once per
// statement, and on another judge of the same socks: it runs on the
// transaction pool while the worker serves other requests.
platform::Task<Response> judge_sock(const platform::Request& request, server::Context& context, Caller caller) {
  const long long sock_id = request.int_param("sock_id");
  const long long other_sock_id = request.int_param("other_sock_id");
  Response response =
      co_await judge_on_pool(context, std::move(caller), sock_id, other_sock_id, like_parameter(request));
  co_return response;
}

Response list_matches(const platform::Request&, server::Context& context, Principal me) {
  const auto matches = SwipeStore(context.db).matches(me.id);
  if (matches.empty()) throw no_matches();
  return Response::json(200, json_list(matches, match_json));
}

Response get_match(const platform::Request& request, server::Context& context, Principal me) {
  const auto match = SwipeStore(context.db).match(me.id, request.int_param("id"));
  if (!match) {
    Json::Value body(Json::objectValue);
    body["Message"] = "Match could not be found";
    throw HttpError::with_body(400, body);
  }
  return Response::json(200, match_json(oriented_for(*match, me.id)));
}

Response unmatch(const platform::Request& request, server::Context& context, Principal me) {
  if (!SwipeStore(context.db).unmatch(me.id, request.int_param("id"))) return empty(400);
  return Response::json(200, message("successfully unmatched"));
}

Response list_mail(const platform::Request&, server::Context& context, Principal me) {
  return Response::json(200, json_list(SwipeStore(context.db).mails(me.id), mail_json));
}

Response send_mail(const platform::Request& request, server::Context& context, Principal me) {
  const Json::Value body = read_body(request);
  FieldReader reader(body);
  const auto subject =
      reader.text("subject", {.required = true, .allow_blank = false, .max_length = kMaxMailSubjectLength});
  const auto content =
      reader.text("content", {.required = true, .allow_blank = false, .max_length = kMaxMailMessageLength});
  if (!reader.errors().empty()) throw HttpError::with_body(400, field_errors_json(reader.errors()));
  return Response::json(201, mail_json(SwipeStore(context.db).send_mail(me.id, *subject, *content)));
}

Response delete_mail(const platform::Request& request, server::Context& context, Principal me) {
  if (!SwipeStore(context.db).delete_mail(me.id, request.int_param("id"))) throw detail_error(404, "Not found.");
  return Response::no_content();
}

Response list_sent_chats(const platform::Request&, server::Context& context, Principal me) {
  return Response::json(200, json_list(SwipeStore(context.db).chats_sent(me.id), chat_json));
}

namespace {

// The user named in the path, checked in the original's order: unknown is
// 404, myself a 400 with no body (nullopt).
std::optional<SwipeStore::Partner> chat_partner(const platform::Request& request, server::Context& context,
                                                const Principal& me) {
  const auto partner = SwipeStore(context.db).partner(me.id, request.param("username"));
  if (!partner) throw detail_error(404, "Not found.");
  if (partner->user_id == me.id) return std::nullopt;
  return partner;
}

}  // namespace

Response get_chat(const platform::Request& request, server::Context& context, Principal me) {
  const auto partner = chat_partner(request, context, me);
  if (!partner) return empty(400);
  // Reading needs no match, as in the original: it shows only what I sent.
  return Response::json(200, json_list(SwipeStore(context.db).chats_sent(me.id, partner->user_id), chat_json));
}

Response send_chat(const platform::Request& request, server::Context& context, Principal me) {
  const auto partner = chat_partner(request, context, me);
  if (!partner) return empty(400);
  // Ours: only matched users may write to each other (SPEC-hotsox.md § 3.6).
  if (!partner->match_id) throw error(404, "You have no match with this user");
  const Json::Value body = read_body(request);
  FieldReader reader(body);
  const auto text = reader.text("message", {.required = true, .allow_blank = false, .max_length = kMaxChatLength});
  if (!reader.errors().empty()) throw HttpError::with_body(400, field_errors_json(reader.errors()));
  const ChatMessage sent = SwipeStore(context.db).send_chat(*partner->match_id, me.id, partner->user_id, *text);
  return Response::json(201, chat_json(sent));
}

}  // namespace hotsox
