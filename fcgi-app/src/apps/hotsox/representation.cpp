#include "apps/hotsox/representation.h"

#include "apps/hotsox/media.h"

namespace hotsox {

namespace {

Json::Value pictures_json(const std::vector<Picture>& pictures) {
  Json::Value list(Json::arrayValue);
  for (const Picture& picture : pictures) list.append(picture_json(picture));
  return list;
}

}  // namespace

Json::Value picture_json(const Picture& picture) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(picture.id);
  value["profile_picture"] = media_url(picture.file_name);
  return value;
}

Json::Value sock_json(const Sock& sock) {
  Json::Value value = sock_fields_json(sock.fields);
  value["id"] = Json::Int64(sock.id);
  value["info_joining_date"] = platform::format_iso_date(sock.info_joining_date);
  value["profile_picture"] = pictures_json(sock.pictures);
  return value;
}

Json::Value account_json(const Account& account) {
  Json::Value value = profile_json(account.profile);
  value["id"] = Json::Int64(account.id);
  value["is_staff"] = account.is_staff;
  value["is_active"] = account.is_active;
  value["date_joined"] = account.date_joined;
  value["profile_picture"] = pictures_json(account.pictures);
  Json::Value socks(Json::arrayValue);
  for (const Sock& sock : account.socks) socks.append(sock_json(sock));
  value["sock"] = socks;
  return value;
}

namespace {

Json::Value optional_id(const std::optional<long long>& id) {
  return id ? Json::Value(Json::Int64(*id)) : Json::Value();
}

}  // namespace

Json::Value match_json(const MatchRecord& match) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(match.id);
  value["user"] = Json::Int64(match.user);
  value["other_user"] = Json::Int64(match.other_user);
  value["sock"] = optional_id(match.sock);
  value["other_sock"] = optional_id(match.other_sock);
  value["chatroom_uuid"] = match.chatroom_uuid;
  value["unmatched"] = match.unmatched;
  value["matched_at"] = match.matched_at;
  return value;
}

Json::Value chat_json(const ChatMessage& chat) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(chat.id);
  value["sender"] = chat.sender;
  value["receiver"] = chat.receiver;
  value["message"] = chat.message;
  value["chatroom_uuid"] = chat.chatroom_uuid;
  value["sent_at"] = chat.sent_at;
  return value;
}

Json::Value mail_json(const Mail& mail) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(mail.id);
  value["subject"] = mail.subject;
  value["message"] = mail.message;
  value["sent_at"] = mail.sent_at;
  return value;
}

}  // namespace hotsox
