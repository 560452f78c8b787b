#include "apps/hotsox_fastapi/models.h"

#include "apps/hotsox/media.h"

namespace hotsox_fastapi {

namespace {

Json::Value nullable(const std::optional<std::string>& text) { return text ? Json::Value(*text) : Json::Value(); }

Json::Value nullable(const std::optional<double>& number) { return number ? Json::Value(*number) : Json::Value(); }

Json::Value person_json(const Person& person) {
  Json::Value value(Json::objectValue);
  value["username"] = person.username;
  value["email"] = person.email;
  return value;
}

Json::Value sock_name_json(const std::optional<SockName>& name) {
  if (!name) return Json::Value();
  Json::Value value(Json::objectValue);
  value["info_name"] = name->info_name;
  value["info_special"] = name->info_special;
  return value;
}

Json::Value sock_like_json(const SockLike& like) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(like.id);
  value["sock"] = sock_name_json(like.sock);
  value["like"] = sock_name_json(like.like);
  value["dislike"] = sock_name_json(like.dislike);
  return value;
}

}  // namespace

Json::Value picture_json(const hotsox::Picture& picture) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(picture.id);
  value["profile_picture"] = hotsox::media_url(picture.file_name);
  return value;
}

Json::Value show_sock_json(const hotsox::Sock& sock, const std::vector<SockLike>& likes) {
  const hotsox::SockFields& f = sock.fields;
  Json::Value value(Json::objectValue);
  value["id_sock"] = Json::Int64(sock.id);
  value["info_joining_date"] = platform::format_iso_date(sock.info_joining_date);
  value["info_name"] = f.info_name;
  value["info_about"] = f.info_about;
  value["info_color"] = f.info_color;
  value["info_fabric"] = f.info_fabric;
  value["info_fabric_thickness"] = f.info_fabric_thickness;
  value["info_brand"] = f.info_brand;
  value["info_type"] = f.info_type;
  value["info_size"] = f.info_size;
  value["info_age"] = f.info_age;
  value["info_separation_date"] = platform::format_iso_date(f.info_separation_date);
  value["info_condition"] = f.info_condition;
  value["info_holes"] = f.info_holes;
  value["info_kilometers"] = f.info_kilometers;
  value["info_inoutdoor"] = f.info_inoutdoor;
  value["info_washed"] = f.info_washed;
  value["info_special"] = f.info_special;
  value["profile_pictures"] = json_list(sock.pictures, picture_json);
  value["sock_likes"] = json_list(likes, sock_like_json);
  return value;
}

Json::Value match_json(const MatchView& match) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(match.id);
  value["matched_with"] = person_json(match.matched_with);
  value["unmatched"] = match.unmatched;
  value["chatroom_uuid"] = match.chatroom_uuid;
  return value;
}

Json::Value mail_json(const MailView& mail) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(mail.id);
  value["subject"] = mail.subject;
  value["content"] = mail.content;
  value["sent_date"] = mail.sent_date;
  return value;
}

Json::Value chat_json(const ChatView& chat, bool with_sender) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(chat.id);
  value["receiver"] = person_json(chat.receiver);
  if (with_sender) value["sender"] = person_json(chat.sender);
  value["message"] = chat.message;
  value["sent_date"] = chat.sent_date;
  value["seen_date"] = Json::Value();  // no route marks a chat seen
  return value;
}

Json::Value chat_with_sender_json(const ChatView& chat) { return chat_json(chat, true); }

Json::Value user_out_json(const hotsox::Profile& p) {
  Json::Value value(Json::objectValue);
  value["username"] = p.username;
  value["first_name"] = p.first_name;
  value["last_name"] = p.last_name;
  value["email"] = p.email;
  value["info_about"] = p.info_about;
  value["info_birthday"] = platform::format_iso_date(p.info_birthday);
  value["info_gender"] = p.info_gender;
  value["location_city"] = p.location_city;
  value["location_latitude"] = nullable(p.location_latitude);
  value["location_longitude"] = nullable(p.location_longitude);
  value["notification"] = p.notification;
  value["social_instagram"] = nullable(p.social_instagram);
  value["social_facebook"] = nullable(p.social_facebook);
  value["social_twitter"] = nullable(p.social_twitter);
  value["social_spotify"] = nullable(p.social_spotify);
  return value;
}

Json::Value show_user_json(const hotsox::Account& account, const UserRelations& relations) {
  Json::Value value = user_out_json(account.profile);
  value["id_user"] = Json::Int64(account.id);
  value["last_login"] = account.last_login ? Json::Value(*account.last_login) : Json::Value();
  value["is_superuser"] = account.is_superuser;
  value["is_staff"] = account.is_staff;
  value["is_active"] = account.is_active;
  value["date_joined"] = account.date_joined;
  value["profile_pictures"] = json_list(account.pictures, picture_json);
  value["user_matches"] = json_list(relations.user_matches, match_json);
  value["mail"] = json_list(relations.mail, mail_json);
  value["chat"] = json_list(relations.chat, [](const ChatView& chat) { return chat_json(chat, false); });
  Json::Value socks(Json::arrayValue);
  static const std::vector<SockLike> kNone;
  for (const auto& sock : account.socks) {
    const auto likes = relations.sock_likes.find(sock.id);
    socks.append(show_sock_json(sock, likes == relations.sock_likes.end() ? kNone : likes->second));
  }
  value["socks"] = socks;
  return value;
}

}  // namespace hotsox_fastapi
