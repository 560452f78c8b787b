// HotSox's SQL for swiping: next-sock candidates, judgements and matches,
// chat and mail. Jobs (emails) are enqueued in the same transactions.
#pragma once

#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_index.h"
#include "platform/expected.h"
#include "store/database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotsox {

std::vector<store::Statement> swipe_statements();

// A match row as stored: `user` is the side whose like made it.
struct MatchRecord {
  long long id = 0;
  long long user = 0;
  long long other_user = 0;
  std::optional<long long> sock;
  std::optional<long long> other_sock;
  std::string chatroom_uuid;
  bool unmatched = false;
  std::string matched_at;
};
// The match with `viewer` as `user` (the two sides swapped when the viewer is the stored other).
MatchRecord oriented_for(MatchRecord match, long long viewer);

enum class JudgeFailure { kMySockMissing, kOtherSockMissing, kOwnSock };
enum class JudgeOutcome { kAlreadyLiked, kLikedNoMatch, kMatched, kDisliked };
struct JudgeResult {
  JudgeOutcome outcome;
  std::optional<MatchRecord> match;
};

struct UserContact {
  std::string username;
  std::string email;
};

struct ChatMessage {
  long long id = 0;
  UserContact sender;
  UserContact receiver;
  std::string message;
  std::string chatroom_uuid;
  std::string sent_at;                 // ISO 8601, UTC
  std::optional<std::string> seen_at;  // never set by the API
};

struct Mail {
  long long id = 0;
  std::string subject;
  std::string content;
  std::string sent_date;  // YYYY-MM-DD (UTC)
};

// What a user has besides the profile: shown inside the DRF user.
struct Activity {
  std::vector<MatchRecord> active_matches;  // as stored, ascending id
  std::vector<Mail> mails;                  // newest first
  std::vector<ChatMessage> chats_sent;      // newest first
};

// SwipeStore::candidate_traits' statement ($1: the ids, as id_array writes them).
inline constexpr store::StatementName kSwipeTraits{"hotsox_swipe_traits"};

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
  // The judge's checks and its change. A like locks both socks first: a like
  // and the reverse like are never both unaware of each other. One that makes
  // no match is one statement; one that does runs in a transaction with the
  // match and its mails. A dislike makes no match: one statement.
  platform::Expected<JudgeResult, JudgeFailure> judge(long long owner_id, long long sock_id, long long other_sock_id,
                                                      bool like);

  // Every match row of a user (either side, unmatched too), as stored, ascending id.
  std::vector<MatchRecord> matches(long long user_id);
  // A match row of the user's (either side, unmatched too), as stored.
  std::optional<MatchRecord> match(long long user_id, long long match_id);
  // Marks the match unmatched, deletes the chats between the two users and
  // tells both (again, for a match already unmatched). false when the match
  // is not the user's.
  bool unmatch(long long user_id, long long match_id);

  // Each user's active matches, mails and sent chats.
  std::map<long long, Activity> activity(const std::vector<long long>& user_ids);

  // Messages the user sent, newest first; with `receiver_id`, only to that user.
  std::vector<ChatMessage> chats_sent(long long user_id, std::optional<long long> receiver_id = std::nullopt);
  // The other user's id and the active match between us, by username.
  struct Partner {
    long long user_id = 0;
    std::optional<long long> match_id;  // nullopt: not matched
  };
  std::optional<Partner> partner(long long user_id, const std::string& username);
  ChatMessage send_chat(long long match_id, long long sender_id, long long receiver_id, const std::string& message);

  std::vector<Mail> mails(long long user_id);
  // Stores the mail and, when the user wants notifications, emails it to them.
  Mail send_mail(long long user_id, const std::string& subject, const std::string& content);
  bool delete_mail(long long user_id, long long mail_id);

 private:
  platform::Expected<JudgeResult, JudgeFailure> dislike(long long owner_id, long long sock_id, long long other_sock_id);
  // A like that makes no match, in one statement (hotsox_like_alone, migration
  // 170); nullopt when it would make one, and nothing was written.
  std::optional<platform::Expected<JudgeResult, JudgeFailure>> like_alone(long long owner_id, long long sock_id,
                                                                          long long other_sock_id);

  store::Database& db_;
};

}  // namespace hotsox
