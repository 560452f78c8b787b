#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_index.h"
#include "apps/hotsox/swipe_store.h"
#include "apps/hotsox_fastapi/handlers.h"
#include "apps/hotsox_fastapi/inputs.h"
#include "apps/hotsox_fastapi/models.h"

#include <stdexcept>

namespace hotsox_fastapi {

namespace {

using hotsox::SockStore;

// Contenders read at a time, as the DRF surface reads them.
constexpr std::size_t kTraitsBatch = 256;

Json::Value show_sock(Call& call, const hotsox::Sock& sock) {
  auto likes = FastapiStore(call.context.db).sock_likes({sock.id});
  return show_sock_json(sock, likes[sock.id]);
}

platform::HttpError my_sock_missing(Call& call, long long sock_id) {
  return detail(404, "Sock with id " + bracketed(std::to_string(sock_id)) + " for the user " + call.caller().sub +
                         " is not available");
}

}  // namespace

Response list_socks(Call& call) {
  const PageParams page = read_page_params(call.request.query, call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  FastapiStore store(call.context.db);
  const long long total = store.count_socks(me);
  if (total == 0) throw detail(404, "No sock available");
  // A page is at most 100 socks, each read by its key.
  SockStore socks(call.context.db);
  std::vector<hotsox::Sock> found;
  std::vector<long long> ids;
  for (const long long id : store.sock_ids(me, page.size, page.offset())) {
    if (auto sock = socks.find(me, id)) {
      ids.push_back(id);
      found.push_back(std::move(*sock));
    }
  }
  auto likes = store.sock_likes(ids);
  Json::Value items(Json::arrayValue);
  for (const auto& sock : found) items.append(show_sock_json(sock, likes[sock.id]));
  return Response::json(200, page_json(page, total, std::move(items)));
}

Response get_sock(Call& call) {
  call.admit();
  const long long id = call.int_param("id");
  const auto me = FastapiStore(call.context.db).user_id(call.caller().sub);
  const auto sock = me ? SockStore(call.context.db).find(*me, id) : std::nullopt;
  if (!sock) throw detail(404, "Sock with the id " + std::to_string(id) + " is not available");
  return Response::json(200, show_sock(call, *sock));
}

Response create_sock(Call& call) {
  const Json::Value body = json_body(call.request, call.problems);
  const hotsox::SockFields fields = read_sock_input(body, call.context.config.today(), call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  const auto id = SockStore(call.context.db).insert(me, fields);
  if (!id) user_missing(call, MissingUserText::kBrackets);
  const auto sock = SockStore(call.context.db).find(me, *id);
  if (!sock) throw my_sock_missing(call, *id);  // deleted at once by a parallel request
  return Response::json(201, show_sock(call, *sock));
}

Response update_sock(Call& call) {
  const Json::Value body = json_body(call.request, call.problems);
  const hotsox::SockFields fields = read_sock_input(body, call.context.config.today(), call.problems);
  call.admit();
  const long long id = call.int_param("id");
  const long long me = my_id(call, MissingUserText::kPlain);
  SockStore socks(call.context.db);
  if (!socks.update(me, id, fields)) throw my_sock_missing(call, id);
  const auto sock = socks.find(me, id);
  if (!sock) throw my_sock_missing(call, id);
  return Response::json(202, show_sock(call, *sock));
}

Response delete_sock(Call& call) {
  call.admit();
  const long long id = call.int_param("id");
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  if (!SockStore(call.context.db).remove(me, id)) throw my_sock_missing(call, id);
  return Response::no_content();
}

platform::Task<Response> add_sock_picture(Call& call) {
  const auto upload = read_upload(call);
  call.admit();
  const long long sock_id = call.int_param("sock_id");
  const long long me = my_id(call, MissingUserText::kBrackets);
  // Before any file is written: the sock must be the caller's.
  if (!SockStore(call.context.db).find(me, sock_id)) throw my_sock_missing(call, sock_id);
  const auto picture = co_await store_upload(call, *upload, me, sock_id);
  if (!picture) throw my_sock_missing(call, sock_id);
  Json::Value body = picture_json(*picture);
  body["sock_id"] = Json::Int64(sock_id);
  co_return Response::json(201, body);
}

Response delete_sock_picture(Call& call) {
  call.admit();
  const long long sock_id = call.int_param("sock_id");
  const long long pic_id = call.int_param("pic_id");
  const long long me = my_id(call, MissingUserText::kBrackets);
  // Only on my own sock (the original let anyone delete any sock's picture).
  if (!hotsox::PictureStore(call.context.db).remove(me, sock_id, pic_id)) {
    throw detail(404, "This picture with id " + bracketed(std::to_string(pic_id)) + " is not available for sock id " +
                          bracketed(std::to_string(sock_id)));
  }
  return Response::no_content();
}

Response next_sock(Call& call) {
  call.admit();
  const long long sock_id = call.int_param("user_sock_id");
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  hotsox::SwipeStore swipes(call.context.db);
  const auto query = swipes.next_sock_query(me, sock_id);
  if (!query) throw detail(404, "Sock with the id " + bracketed(std::to_string(sock_id)) + " is not available!");
  // The same candidates and scoring as the DRF surface (SPEC-hotsox.md § 3.1).
  hotsox::SockIndex& index = call.context.state<hotsox::SockIndex>();
  index.catch_up(call.context.db);
  const auto winner = hotsox::pick_best(
      query->mine, hotsox::contenders(index.candidates(query->mine.numbers, query->exclusions)),
      [&](const std::vector<long long>& ids) { return swipes.candidate_traits(ids); }, kTraitsBatch);
  auto sock = winner ? SockStore(call.context.db).find(winner->owner_id, winner->id) : std::nullopt;
  if (!sock) throw detail(404, "No more socks to swipe");
  return Response::json(200, show_sock(call, *sock));
}

Response judge_sock(Call& call) {
  std::optional<bool> judgement;
  if (const auto text = call.request.query.last("judgement")) {  // a repeated name: Starlette's last value
    auto parsed = parse_bool_text(*text);
    if (parsed.refusal) {
      call.problems.add({location("query", "judgement"), parsed.refusal->msg, parsed.refusal->type});
    }
    judgement = parsed.value;
  } else {
    call.problems.add({location("query", "judgement"), "field required", "value_error.missing"});
  }
  call.admit();
  const long long sock_id = call.int_param("user_sock_id");
  const long long other_sock_id = call.int_param("other_sock_id");
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  const auto answer = FastapiStore(call.context.db).judge(me, sock_id, other_sock_id, *judgement);
  if (!answer) {
    switch (answer.error()) {
      case JudgeRefusal::kNotMySock:
        throw detail(404, "Sock with the id " + bracketed(std::to_string(sock_id)) + " is not one of your socks!");
      case JudgeRefusal::kOtherMissing:
        throw detail(404, "Sock with the id " + bracketed(std::to_string(other_sock_id)) + " is not available!");
      case JudgeRefusal::kOwnSock: throw detail(404, "You can not judge your own sock!");
      case JudgeRefusal::kAlreadyJudged:
        throw detail(404, "Sock with the id " + bracketed(std::to_string(other_sock_id)) + " was already judged!");
    }
    throw std::logic_error("unknown judge refusal");
  }
  const std::optional<NewMatch>& match = *answer;
  Json::Value body(Json::objectValue);
  if (!match) {
    body["Message"] = "No new match found";
    return Response::json(200, body);
  }
  body["Message"] = "New match found";
  Json::Value created(Json::objectValue);
  created["id"] = Json::Int64(match->id);
  created["user_id"] = Json::Int64(match->user_id);
  created["other_id"] = Json::Int64(match->other_id);
  created["unmatched"] = false;
  created["chatroom_uuid"] = match->chatroom_uuid;
  body["Match"] = created;
  return Response::json(200, body);
}

}  // namespace hotsox_fastapi
