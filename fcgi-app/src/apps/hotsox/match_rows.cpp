#include "apps/hotsox/match_rows.h"

#include "apps/hotsox/store_rows.h"

namespace hotsox {

const char* const kMatchColumns =
    "id, user_id, other_user_id, sock_id, other_sock_id, chatroom_uuid::text AS chatroom_uuid, unmatched,"
    " to_char(matched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS matched_at";
const char* const kChatColumns =
    "c.id, s.username AS sender_username, s.email AS sender_email, r.username AS receiver_username,"
    " r.email AS receiver_email, c.message, m.chatroom_uuid::text AS chatroom_uuid,"
    " to_char(c.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS sent_at,"
    " to_char(c.seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS seen_at";
const char* const kMailColumns = "id, subject, message, (sent_at AT TIME ZONE 'UTC')::date::text AS sent_date";

std::string chats_from(const std::string& table) {
  return " FROM " + table +
         " c JOIN hotsox_users s ON s.id = c.sender_id JOIN hotsox_users r ON r.id = c.receiver_id"
         " JOIN hotsox_matches m ON m.id = c.match_id";
}

MatchRecord match_of(const pqxx::row& row) {
  MatchRecord m;
  m.id = row["id"].as<long long>();
  m.user = row["user_id"].as<long long>();
  m.other_user = row["other_user_id"].as<long long>();
  m.sock = optional_id(row["sock_id"]);
  m.other_sock = optional_id(row["other_sock_id"]);
  m.chatroom_uuid = row["chatroom_uuid"].as<std::string>();
  m.unmatched = row["unmatched"].as<bool>();
  m.matched_at = row["matched_at"].as<std::string>();
  return m;
}

ChatMessage chat_of(const pqxx::row& row) {
  ChatMessage chat;
  chat.id = row["id"].as<long long>();
  chat.sender = {row["sender_username"].as<std::string>(), row["sender_email"].as<std::string>()};
  chat.receiver = {row["receiver_username"].as<std::string>(), row["receiver_email"].as<std::string>()};
  chat.message = row["message"].as<std::string>();
  chat.chatroom_uuid = row["chatroom_uuid"].as<std::string>();
  chat.sent_at = row["sent_at"].as<std::string>();
  if (!row["seen_at"].is_null()) chat.seen_at = row["seen_at"].as<std::string>();
  return chat;
}

Mail mail_of(const pqxx::row& row) {
  return {row["id"].as<long long>(), row["subject"].as<std::string>(), row["message"].as<std::string>(),
          row["sent_date"].as<std::string>()};
}

}  // namespace hotsox
