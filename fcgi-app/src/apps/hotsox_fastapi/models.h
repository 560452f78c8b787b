// The FastAPI surface's response models, by their aliases (id_user, id_sock,
// matched_with, receiver, sender...). Pure.
#pragma once

#include "apps/hotsox/store.h"
#include "apps/hotsox_fastapi/store.h"

#include <json/value.h>

#include <map>
#include <vector>

namespace hotsox_fastapi {

// Picture {id, profile_picture: "/media/<file>"}
Json::Value picture_json(const hotsox::Picture& picture);
// ShowSock: choices as integers, profile_pictures and sock_likes.
Json::Value show_sock_json(const hotsox::Sock& sock, const std::vector<SockLike>& likes);
// UserMatch {id, matched_with: {username, email}, unmatched, chatroom_uuid}
Json::Value match_json(const MatchView& match);
// Mail {id, subject, content, sent_date}
Json::Value mail_json(const MailView& mail);
// Chat {id, receiver, message, sent_date, seen_date}; with_sender adds sender (ChatWithSender).
Json::Value chat_json(const ChatView& chat, bool with_sender);
Json::Value chat_with_sender_json(const ChatView& chat);

// EditUserOut: the thirteen editable fields and the coordinates.
Json::Value user_out_json(const hotsox::Profile& profile);

struct UserRelations {
  std::vector<MatchView> user_matches;
  std::vector<MailView> mail;
  std::vector<ChatView> chat;
  std::map<long long, std::vector<SockLike>> sock_likes;
};
// ShowUser.
Json::Value show_user_json(const hotsox::Account& account, const UserRelations& relations);

template <typename Items, typename ToJson>
Json::Value json_list(const Items& items, ToJson&& to_json) {
  Json::Value list(Json::arrayValue);
  for (const auto& item : items) list.append(to_json(item));
  return list;
}

}  // namespace hotsox_fastapi
