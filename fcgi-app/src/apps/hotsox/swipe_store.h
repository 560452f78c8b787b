// HotSox's SQL for swiping: next-sock candidates, judgements and matches,
// chat and mail. Jobs (emails) are enqueued in the same transactions.
#pragma once

#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_index.h"
#include "store/database.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hotsox {

std::vector<store::Statement> swipe_statements();

struct MatchRecord {
  long long id = 0;
  long long user = 0;  // always the caller's side when read for a caller
  long long other_user = 0;
  std::optional<long long> sock;
  std::optional<long long> other_sock;
  std::string chatroom_uuid;
  bool unmatched = false;
  std::string matched_at;
};

enum class JudgeFailure { kMySockMissing, kOtherSockMissing, kOwnSock };
enum class JudgeOutcome { kAlreadyLiked, kLikedNoMatch, kMatched, kDisliked };
struct JudgeResult {
  JudgeOutcome outcome;
  std::optional<MatchRecord> match;
};

struct ChatMessage {
  long long id = 0;
  std::string sender;
  std::string receiver;
  std::string message;
  std::string chatroom_uuid;
  std::string sent_at;
};

struct Mail {
  long long id = 0;
  std::string subject;
  std::string message;
  std::string sent_at;
};

class SwipeStore {
 public:
  explicit SwipeStore(store::Database& db) : db_(db) {}

  // My sock, and who it may not be offered: nullopt when the sock is not the owner's.
  struct NextSockQuery {
    SockTraits mine;
    Exclusions exclusions;
  };
  std::optional<NextSockQuery> next_sock_query(long long owner_id, long long sock_id);
  // The traits of those of `ids` that still have a picture, read now.
  std::vector<SockTraits> candidate_traits(const std::vector<long long>& ids);

  // The judge's checks alone (for a request without `like`): nullopt when they pass.
  std::optional<JudgeFailure> check_judgement(long long owner_id, long long sock_id, long long other_sock_id);
  // The judge's checks and its change, in one transaction that locks both
  // socks: a like and the reverse like are never both unaware of each other.
  std::variant<JudgeResult, JudgeFailure> judge(long long owner_id, long long sock_id, long long other_sock_id,
                                                bool like);

  // Active matches of a user, newest first, each seen from that user's side.
  std::vector<MatchRecord> matches(long long user_id);
  std::optional<MatchRecord> match(long long user_id, long long match_id);
  // Marks the match unmatched, deletes its chats, tells both. false when the
  // user has no such active match.
  bool unmatch(long long user_id, long long match_id);

  std::vector<ChatMessage> chats_sent(long long user_id);
  // The other user's id and the active match between us, by username.
  struct Partner {
    long long user_id = 0;
    std::optional<long long> match_id;  // nullopt: not matched
  };
  std::optional<Partner> partner(long long user_id, const std::string& username);
  std::vector<ChatMessage> chat(long long match_id);
  ChatMessage send_chat(long long match_id, long long sender_id, long long receiver_id, const std::string& message);

  std::vector<Mail> mails(long long user_id);
  // Stores the mail and, when the user wants notifications, emails it to them.
  Mail send_mail(long long user_id, const std::string& subject, const std::string& message);
  bool delete_mail(long long user_id, long long mail_id);

 private:
  store::Database& db_;
};

}  // namespace hotsox
