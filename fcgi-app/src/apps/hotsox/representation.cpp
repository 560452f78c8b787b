#include "apps/hotsox/representation.h"

#include "apps/hotsox/media.h"

#include <initializer_list>
#include <utility>

namespace hotsox {

namespace {

// An object of the named values: every answer here is one, only its fields differ.
Json::Value object_of(std::initializer_list<std::pair<const char*, Json::Value>> members) {
  Json::Value value(Json::objectValue);
  for (const auto& [name, member] : members) value[name] = member;
  return value;
}

Json::Value optional_id(const std::optional<long long>& id) {
  return id ? Json::Value(Json::Int64(*id)) : Json::Value();
}

}  // namespace

Json::Value picture_json(const Picture& picture) {
  return object_of({{"id", Json::Int64(picture.id)}, {"profile_picture", media_url(picture.file_name)}});
}

Json::Value sock_json(const Sock& sock) {
  Json::Value value = sock_fields_json(sock.fields);
  value["id"] = Json::Int64(sock.id);
  value["info_joining_date"] = platform::format_iso_date(sock.info_joining_date);
  value["profile_picture"] = json_list(sock.pictures, picture_json);
  return value;
}

Json::Value account_json(const Account& account) {
  Json::Value value = profile_json(account.profile);
  value["id"] = Json::Int64(account.id);
  value["is_staff"] = account.is_staff;
  value["is_active"] = account.is_active;
  value["date_joined"] = account.date_joined;
  value["profile_picture"] = json_list(account.pictures, picture_json);
  value["sock"] = json_list(account.socks, sock_json);
  return value;
}

Json::Value match_json(const MatchRecord& match) {
  return object_of({{"id", Json::Int64(match.id)},
                    {"user", Json::Int64(match.user)},
                    {"other_user", Json::Int64(match.other_user)},
                    {"sock", optional_id(match.sock)},
                    {"other_sock", optional_id(match.other_sock)},
                    {"chatroom_uuid", match.chatroom_uuid},
                    {"unmatched", match.unmatched},
                    {"matched_at", match.matched_at}});
}

Json::Value chat_json(const ChatMessage& chat) {
  return object_of({{"id", Json::Int64(chat.id)},
                    {"sender", chat.sender},
                    {"receiver", chat.receiver},
                    {"message", chat.message},
                    {"chatroom_uuid", chat.chatroom_uuid},
                    {"sent_at", chat.sent_at}});
}

Json::Value mail_json(const Mail& mail) {
  return object_of(
      {{"id", Json::Int64(mail.id)}, {"subject", mail.subject}, {"message", mail.message}, {"sent_at", mail.sent_at}});
}

}  // namespace hotsox
