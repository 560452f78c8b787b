// The rows of matches, chats and mails as SwipeStore's statements select
// them: the columns to select, and the records read from them by name.
#pragma once

#include "apps/hotsox/swipe_store.h"

#include <pqxx/pqxx>

#include <string>

namespace hotsox {

// What match_of, chat_of and mail_of read, each by its name.
extern const char* const kMatchColumns;
extern const char* const kChatColumns;
extern const char* const kMailColumns;
// Chat rows `c` of `table` with their sender, receiver and match.
std::string chats_from(const std::string& table);

MatchRecord match_of(const pqxx::row& row);
ChatMessage chat_of(const pqxx::row& row);
Mail mail_of(const pqxx::row& row);

}  // namespace hotsox
