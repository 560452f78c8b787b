#include "apps/hotsox/representation.h"

#include "apps/hotsox/media.h"

#include <cmath>
#include <cstdlib>
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

Json::Value optional_text(const std::optional<std::string>& text) { return text ? Json::Value(*text) : Json::Value(); }

// The sock fields with "info_joining_date": what every sock shape but SockUpdate shows.
Json::Value dated_sock_fields(const Sock& sock) {
  Json::Value value = sock_fields_json(sock.fields);
  value["info_joining_date"] = platform::format_iso_date(sock.info_joining_date);
  return value;
}

}  // namespace

Json::Value picture_json(const Picture& picture) {
  return object_of({{"id", Json::Int64(picture.id)}, {"profile_picture", media_url(picture.file_name)}});
}

Json::Value sock_like_json(const SockLike& like) {
  const Json::Value other = Json::Int64(like.other_sock_id);
  return object_of({{"id", Json::Int64(like.id)},
                    {"like", like.liked ? other : Json::Value()},
                    {"dislike", like.liked ? Json::Value() : other}});
}

Json::Value sock_json(const Sock& sock) {
  Json::Value value = sock_with_id_json(sock);
  value["sock_likes"] = json_list(sock.likes, sock_like_json);
  return value;
}

Json::Value sock_create_json(const Sock& sock) {
  Json::Value value = dated_sock_fields(sock);
  value["id"] = Json::Int64(sock.id);
  return value;
}

Json::Value sock_update_json(const Sock& sock) { return sock_fields_json(sock.fields); }

Json::Value sock_with_id_json(const Sock& sock) {
  Json::Value value = sock_for_match_json(sock);
  value["id"] = Json::Int64(sock.id);
  return value;
}

Json::Value sock_for_match_json(const Sock& sock) {
  Json::Value value = dated_sock_fields(sock);
  value["profile_picture"] = json_list(sock.pictures, picture_json);
  return value;
}

Json::Value account_json(const Account& account, const Activity& activity) {
  Json::Value value = profile_json(account.profile);
  value["id"] = Json::Int64(account.id);
  value["is_superuser"] = account.is_superuser;
  value["is_staff"] = account.is_staff;
  value["is_active"] = account.is_active;
  value["last_login"] = optional_text(account.last_login);
  value["date_joined"] = account.date_joined;
  value["profile_picture"] = json_list(account.pictures, picture_json);
  value["sock"] = json_list(account.socks, sock_json);
  value["user_match"] = json_list(activity.active_matches, match_json);
  value["mail"] = json_list(activity.mails, mail_json);
  value["chat_sending"] = json_list(activity.chats_sent, chat_json);
  return value;
}

int age_of(const platform::Date& birthday, const platform::Date& today) {
  const long long days = std::llabs(platform::days_from_civil(today) - platform::days_from_civil(birthday));
  return static_cast<int>(std::floor(static_cast<double>(days) / 365.2425));
}

Json::Value user_for_match_json(const Account& account, const platform::Date& today) {
  const Json::Value profile = profile_json(account.profile);
  Json::Value value(Json::objectValue);
  for (const char* name :
       {"username", "first_name", "last_name", "info_about", "info_gender", "location_city", "location_latitude",
        "location_longitude", "social_instagram", "social_facebook", "social_twitter", "social_spotify"}) {
    value[name] = profile[name];
  }
  value["profile_picture"] = json_list(account.pictures, picture_json);
  value["age"] = age_of(account.profile.info_birthday, today);
  value["last_login"] = optional_text(account.last_login);
  value["date_joined"] = account.date_joined;
  return value;
}

Json::Value match_json(const MatchRecord& match) {
  return object_of({{"id", Json::Int64(match.id)},
                    {"unmatched", match.unmatched},
                    {"chatroom_uuid", match.chatroom_uuid},
                    {"user", Json::Int64(match.user)},
                    {"other", Json::Int64(match.other_user)}});
}

Json::Value chat_json(const ChatMessage& chat) {
  return object_of({{"id", Json::Int64(chat.id)},
                    {"other", object_of({{"username", chat.receiver.username}, {"email", chat.receiver.email}})},
                    {"message", chat.message},
                    {"sent_date", chat.sent_at},
                    {"seen_date", optional_text(chat.seen_at)}});
}

Json::Value mail_json(const Mail& mail) {
  return object_of({{"id", Json::Int64(mail.id)},
                    {"subject", mail.subject},
                    {"content", mail.content},
                    {"sent_date", mail.sent_date}});
}

}  // namespace hotsox
