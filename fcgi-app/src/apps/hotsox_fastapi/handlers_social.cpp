#include "apps/hotsox/swipe_store.h"
#include "apps/hotsox_fastapi/handlers.h"
#include "apps/hotsox_fastapi/models.h"

namespace hotsox_fastapi {

namespace {

// The column's width (hotsox_chats.message).
constexpr std::size_t kMaxChatLength = 2000;
constexpr std::size_t kMaxSubjectLength = 255;
constexpr std::size_t kMaxContentLength = 5000;

platform::HttpError match_missing(Call& call, long long id) {
  return detail(404, "Specific match " + bracketed(std::to_string(id)) + " for user " + bracketed(call.caller().sub) +
                         " is not available!");
}

// #13 and #14's checks of the receiver, in their order (the name is UTF-8: path_text checked it).
long long receiver_id(Call& call, long long me) {
  const std::string& receiver = call.request.param("receiver");
  const auto id = FastapiStore(call.context.db).user_id(receiver);
  if (!id) throw detail(404, "Receiver with the username " + bracketed(receiver) + " is not available");
  if (*id == me) {
    throw detail(404, "Receiver and sender are the same " + bracketed(receiver) + ", you can not chat with yourself!");
  }
  return *id;
}

}  // namespace

Response list_matches(Call& call) {
  const PageParams page = read_page_params(call.request.query, call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  FastapiStore store(call.context.db);
  const long long total = store.count_matches(me);
  if (total == 0) throw detail(404, "User " + bracketed(call.caller().sub) + " has no matches");
  return Response::json(200,
                        page_json(page, total, json_list(store.matches(me, page.size, page.offset()), match_json)));
}

Response get_match(Call& call) {
  call.admit();
  const long long id = call.int_param("id");
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  const auto match = FastapiStore(call.context.db).match(me, id);
  if (!match) throw match_missing(call, id);
  return Response::json(200, match_json(*match));
}

Response unmatch(Call& call) {
  call.admit();
  const long long id = call.int_param("id");
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  switch (FastapiStore(call.context.db).unmatch(me, id)) {
    case UnmatchAnswer::kMissing: throw match_missing(call, id);
    case UnmatchAnswer::kAlreadyUnmatched:
      throw detail(404, "Specific match " + bracketed(std::to_string(id)) + " for user " +
                            bracketed(call.caller().sub) + " is already unmatched!");
    case UnmatchAnswer::kDone: break;
  }
  return Response::no_content();
}

Response list_mail(Call& call) {
  const PageParams page = read_page_params(call.request.query, call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  FastapiStore store(call.context.db);
  const long long total = store.count_mails(me);
  if (total == 0) throw detail(404, "No mail available for user " + bracketed(call.caller().sub));
  return Response::json(200, page_json(page, total, json_list(store.mails(me, page.size, page.offset()), mail_json)));
}

Response send_mail(Call& call) {
  const Json::Value body = json_body(call.request, call.problems);
  BodyReader reader(body, call.problems);
  const auto subject = reader.text("subject", true, 0, kMaxSubjectLength);
  const auto content = reader.text("content", true, 0, kMaxContentLength);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  // Stored, and mailed to me when my notification setting is on (the original mailed regardless).
  hotsox::SwipeStore(call.context.db).send_mail(me, *subject, *content);
  Json::Value email(Json::objectValue);
  email["subject"] = *subject;
  email["content"] = *content;
  Json::Value answer(Json::objectValue);
  answer["status"] = "email has been sent";
  answer["email"] = email;
  return Response::json(200, answer);
}

Response delete_mail(Call& call) {
  call.admit();
  const long long id = call.int_param("id");
  const long long me = my_id(call, MissingUserText::kBrackets);
  FastapiStore store(call.context.db);
  const std::string& username = call.caller().sub;
  switch (store.mail_owner(me, id)) {
    case Ownership::kMissing:
      throw detail(404, "This mail with id " + bracketed(std::to_string(id)) + " is not available for user " +
                            bracketed(username));
    case Ownership::kSomeoneElses:
      throw detail(404, "User with username " + bracketed(username) + " doesn't have access to this mail");
    case Ownership::kMine: break;
  }
  store.delete_mail(id);
  return Response::no_content();
}

Response list_chats(Call& call) {
  const PageParams page = read_page_params(call.request.query, call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  FastapiStore store(call.context.db);
  const long long total = store.count_chats(me);
  if (total == 0) throw detail(404, "No chats available for user " + bracketed(call.caller().sub));
  return Response::json(
      200, page_json(page, total, json_list(store.chats(me, page.size, page.offset()), chat_with_sender_json)));
}

Response get_chat(Call& call) {
  path_text(call.request, "receiver", call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  const long long other = receiver_id(call, me);
  const auto chats = FastapiStore(call.context.db).chats_between(me, other);
  if (chats.empty()) {
    throw detail(404, "No chats available between user " + bracketed(call.caller().sub) + " and " +
                          bracketed(call.request.param("receiver")));
  }
  return Response::json(200, json_list(chats, chat_with_sender_json));
}

Response send_chat(Call& call) {
  path_text(call.request, "receiver", call.problems);
  std::optional<std::string> message;
  if (const auto text = call.request.query.last("chat_message")) {  // a repeated name: Starlette's last value
    message = std::string(*text);
    if (auto refusal = check_length(*message, 0, kMaxChatLength)) {
      call.problems.add({location("query", "chat_message"), refusal->msg, refusal->type, refusal->ctx});
    }
  } else {
    call.problems.add({location("query", "chat_message"), "field required", "value_error.missing"});
  }
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  const long long other = receiver_id(call, me);
  hotsox::SwipeStore swipes(call.context.db);
  // An active match only (the original accepted an unmatched one too).
  const auto partner = swipes.partner(me, call.request.param("receiver"));
  if (!partner || !partner->match_id) {
    throw detail(404, "You have no match with the user " + bracketed(call.request.param("receiver")) + "!");
  }
  const hotsox::ChatMessage sent = swipes.send_chat(*partner->match_id, me, other, *message);
  const auto chat = FastapiStore(call.context.db).chat(sent.id);
  if (!chat) throw detail(404, "You have no match with the user " + bracketed(call.request.param("receiver")) + "!");
  return Response::json(200, chat_with_sender_json(*chat));
}

}  // namespace hotsox_fastapi
