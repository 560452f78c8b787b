// The FastAPI surface's own SQL over HotSox's tables (the DRF surface's store
// classes serve what both need): lookups by username, lists in ascending id
// with their totals, the judge and unmatch without emails, and the shapes
// only FastAPI shows (both parties of a chat, sock likes with their socks).
#pragma once

#include "platform/expected.h"
#include "store/database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotsox_fastapi {

std::vector<store::Statement> statements();

struct Person {
  std::string username;
  std::string email;
};

struct MatchView {
  long long id = 0;
  bool unmatched = false;
  std::string chatroom_uuid;
  Person matched_with;  // the other party
};

struct ChatView {
  long long id = 0;
  Person sender;
  Person receiver;
  std::string message;
  std::string sent_date;  // ISO 8601, UTC
};

struct MailView {
  long long id = 0;
  std::string subject;
  std::string content;
  std::string sent_date;  // YYYY-MM-DD
};

struct SockName {
  std::string info_name;
  std::string info_special;
};
struct SockLike {
  long long id = 0;
  SockName sock;
  std::optional<SockName> like;
  std::optional<SockName> dislike;
};

struct NewMatch {
  long long id = 0;
  long long user_id = 0;
  long long other_id = 0;
  std::string chatroom_uuid;
};

enum class JudgeRefusal { kNotMySock, kOtherMissing, kOwnSock, kAlreadyJudged };
// nullopt: judged, no new match.
using JudgeAnswer = platform::Expected<std::optional<NewMatch>, JudgeRefusal>;

enum class UnmatchAnswer { kDone, kMissing, kAlreadyUnmatched };

enum class Ownership { kMissing, kMine, kSomeoneElses };

class FastapiStore {
 public:
  explicit FastapiStore(store::Database& db) : db_(db) {}

  std::optional<long long> user_id(const std::string& username);

  // Rows where the user is the stored `user`, unmatched included.
  std::vector<MatchView> initiated_matches(long long user_id);
  // Rows where the user is either party, as seen from the user's side.
  long long count_matches(long long user_id);
  std::vector<MatchView> matches(long long user_id, long long limit, long long offset);
  std::optional<MatchView> match(long long user_id, long long match_id);
  UnmatchAnswer unmatch(long long user_id, long long match_id);

  long long count_mails(long long user_id);
  std::vector<MailView> mails(long long user_id, long long limit, long long offset);
  std::vector<MailView> all_mails(long long user_id);
  Ownership mail_owner(long long user_id, long long mail_id);
  void delete_mail(long long mail_id);

  std::vector<ChatView> chats_sent(long long user_id);
  long long count_chats(long long user_id);
  // Sent or received.
  std::vector<ChatView> chats(long long user_id, long long limit, long long offset);
  std::vector<ChatView> chats_between(long long user_id, long long other_id);
  std::optional<ChatView> chat(long long chat_id);

  long long count_socks(long long owner_id);
  std::vector<long long> sock_ids(long long owner_id, long long limit, long long offset);
  // The likes and dislikes each sock made.
  std::map<long long, std::vector<SockLike>> sock_likes(const std::vector<long long>& sock_ids);

  Ownership picture_owner(long long user_id, long long picture_id);

  // Removes the account and everything it has; queues its picture files'
  // removal, and no email (the original's FastAPI sent none). false when gone.
  bool remove_account(long long user_id);

  // FastAPI's judge, its checks in the original's order, in one transaction
  // that locks both socks (as the DRF judge does, so the two surfaces' likes
  // of one pair are never both unaware of each other).
  JudgeAnswer judge(long long user_id, long long sock_id, long long other_sock_id, bool like);

 private:
  store::Database& db_;
};

}  // namespace hotsox_fastapi
