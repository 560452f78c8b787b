// How accounts, socks and pictures look in the API's answers. Pure.
#pragma once

#include "apps/hotsox/store.h"
#include "apps/hotsox/swipe_store.h"

#include <json/value.h>

namespace hotsox {

// {"id", "profile_picture": "/media/<file>"}
Json::Value picture_json(const Picture& picture);
// {"id", "info_joining_date", every sock field, "profile_picture": [...]}
Json::Value sock_json(const Sock& sock);
// The profile (never a password or its hash), "id", "is_staff", "is_active",
// "date_joined", "profile_picture": [...] and "sock": [...].
Json::Value account_json(const Account& account);
// {"id", "user", "other_user", "sock", "other_sock", "chatroom_uuid", "unmatched", "matched_at"}
Json::Value match_json(const MatchRecord& match);
// {"id", "sender", "receiver" (usernames), "message", "chatroom_uuid", "sent_at"}
Json::Value chat_json(const ChatMessage& chat);
// {"id", "subject", "message", "sent_at"}
Json::Value mail_json(const Mail& mail);

// A JSON array of `items`, each as `to_json` shows it.
template <typename Items, typename ToJson>
Json::Value json_list(const Items& items, ToJson&& to_json) {
  Json::Value list(Json::arrayValue);
  for (const auto& item : items) list.append(to_json(item));
  return list;
}

}  // namespace hotsox
