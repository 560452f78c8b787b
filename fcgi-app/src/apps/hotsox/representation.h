// How accounts, socks, pictures, matches, chats and mails look in the DRF
// surface's answers: the original's serializers (SPEC-hotsox.md § 1.3). Pure.
#pragma once

#include "apps/hotsox/store.h"
#include "apps/hotsox/swipe_store.h"

#include <json/value.h>

namespace hotsox {

// Picture: {"id", "profile_picture": "/media/<file>"}
Json::Value picture_json(const Picture& picture);
// SockLike: {"id", "like", "dislike"}: the judged sock's id in one, null in the other.
Json::Value sock_like_json(const SockLike& like);
// Sock (GET one, list items, inside User): {"id", "sock_likes", "profile_picture",
// "info_joining_date", every sock field}.
Json::Value sock_json(const Sock& sock);
// SockCreate (POST answer): Sock without "sock_likes" and "profile_picture".
Json::Value sock_create_json(const Sock& sock);
// SockUpdate (PUT answer): the sock fields alone (no "id", "info_joining_date", lists).
Json::Value sock_update_json(const Sock& sock);
// SockWithId (next sock): Sock without "sock_likes".
Json::Value sock_with_id_json(const Sock& sock);
// SockForMatch (judge): Sock without "id" and "sock_likes".
Json::Value sock_for_match_json(const Sock& sock);

// User: the profile (never a password or its hash), "id", the Django flags,
// "last_login", "date_joined", "profile_picture", "sock", and from `activity`
// "user_match" (active matches as stored), "mail" and "chat_sending".
Json::Value account_json(const Account& account, const Activity& activity);
// UserForMatch (judge): the public part of a profile and "age" in whole years.
Json::Value user_for_match_json(const Account& account, const platform::Date& today);
// Whole part of |today − birthday| in days / 365.2425, as the original computed it.
int age_of(const platform::Date& birthday, const platform::Date& today);

// Match: {"id", "unmatched", "chatroom_uuid", "user", "other"} (user ids).
Json::Value match_json(const MatchRecord& match);
// Chat: {"id", "other": {"username", "email"} (the receiver), "message", "sent_date", "seen_date"}.
Json::Value chat_json(const ChatMessage& chat);
// Mail: {"id", "subject", "content", "sent_date"} (a date).
Json::Value mail_json(const Mail& mail);

// A JSON array of `items`, each as `to_json` shows it.
template <typename Items, typename ToJson>
Json::Value json_list(const Items& items, ToJson&& to_json) {
  Json::Value list(Json::arrayValue);
  for (const auto& item : items) list.append(to_json(item));
  return list;
}

}  // namespace hotsox
