#include "apps/hotsox/swipe_store.h"

#include "apps/hotsox/judge_sql.h"
#include "apps/hotsox/match_rows.h"
#include "apps/hotsox/outbox.h"
#include "apps/hotsox/sock_columns.h"
#include "apps/hotsox/store_rows.h"
#include "platform/text.h"

#include <algorithm>
#include <stdexcept>

namespace hotsox {

// The names of the prepared statements below (swipe_statements()), as constants.
constexpr store::StatementName kSwipeMine{"hotsox_swipe_mine"};
constexpr store::StatementName kSwipeJudged{"hotsox_swipe_judged"};
constexpr store::StatementName kSwipeUnmatched{"hotsox_swipe_unmatched"};
constexpr store::StatementName kJudgeSocks{"hotsox_judge_socks"};
constexpr store::StatementName kJudgeSocksLocked{"hotsox_judge_socks_locked"};
constexpr store::StatementName kJudgeLike{"hotsox_judge_like"};
constexpr store::StatementName kJudgeDislike{"hotsox_judge_dislike"};
constexpr store::StatementName kJudgeLikeAlone{"hotsox_judge_like_alone"};
constexpr store::StatementName kMatchCreate{"hotsox_match_create"};
constexpr store::StatementName kContact{"hotsox_contact"};
constexpr store::StatementName kMatches{"hotsox_matches"};
constexpr store::StatementName kMatch{"hotsox_match"};
constexpr store::StatementName kUnmatch{"hotsox_unmatch"};
constexpr store::StatementName kPairChatsDelete{"hotsox_pair_chats_delete"};
constexpr store::StatementName kActiveMatchesOf{"hotsox_active_matches_of"};
constexpr store::StatementName kMailsOf{"hotsox_mails_of"};
constexpr store::StatementName kChatsSentOf{"hotsox_chats_sent_of"};
constexpr store::StatementName kChatsSent{"hotsox_chats_sent"};
constexpr store::StatementName kPartner{"hotsox_partner"};
constexpr store::StatementName kChatSend{"hotsox_chat_send"};
constexpr store::StatementName kMails{"hotsox_mails"};
constexpr store::StatementName kMailSend{"hotsox_mail_send"};
constexpr store::StatementName kMailDelete{"hotsox_mail_delete"};

namespace {

// The columns SockTraits reads, of sock `s`: the numbers, then the texts.
std::string trait_columns() { return sock_number_columns() + ", s.info_special, s.info_about"; }

constexpr const char* kMatchSubject = "You have a match with ";
constexpr const char* kMatchBody = "Please visit HotSox to check your new match :)";

SockTraits traits_of(const pqxx::row& row) {
  return {sock_numbers_of(row), row[kSockNumberColumnCount].as<std::string>(),
          row[kSockNumberColumnCount + 1].as<std::string>()};
}

struct Contact {
  std::string username;
  std::string email;
  bool notification = false;
};

Contact contact(pqxx::work& tx, long long user_id) {
  const auto rows = tx.exec_prepared(kContact, user_id);
  if (rows.empty()) throw std::runtime_error("no such user: " + std::to_string(user_id));
  return {rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<bool>()};
}

// The checks of SPEC.md in their order, on the owners of the two socks as read.
std::optional<JudgeFailure> judge_failure(const pqxx::result& socks, long long owner_id, long long sock_id,
                                          long long other_sock_id) {
  std::optional<long long> my_owner;
  std::optional<long long> other_owner;
  for (const auto& row : socks) {
    const long long id = row[0].as<long long>();
    if (id == sock_id) my_owner = row[1].as<long long>();
    if (id == other_sock_id) other_owner = row[1].as<long long>();
  }
  if (!my_owner || *my_owner != owner_id) return JudgeFailure::kMySockMissing;
  if (!other_owner) return JudgeFailure::kOtherSockMissing;
  if (*other_owner == owner_id) return JudgeFailure::kOwnSock;
  return std::nullopt;
}

long long owner_of(const pqxx::result& socks, long long sock_id) {
  for (const auto& row : socks) {
    if (row[0].as<long long>() == sock_id) return row[1].as<long long>();
  }
  throw std::logic_error("sock not among those read");
}

// Only users who want notifications get mail.
void notify(pqxx::work& tx, const Contact& to, const std::string& subject, const std::string& body) {
  if (to.notification) enqueue_email(tx, to.email, subject, body);
}

}  // namespace

MatchRecord oriented_for(MatchRecord match, long long viewer) {
  if (match.other_user == viewer && match.user != viewer) {
    std::swap(match.user, match.other_user);
    std::swap(match.sock, match.other_sock);
  }
  return match;
}

namespace {

// Choosing the next sock, and judging it.
std::vector<store::Statement> judge_statements() {
  const std::string traits = trait_columns();
  const std::string matches = kMatchColumns;
  return {
      {kSwipeMine, "SELECT " + traits +
                       " FROM hotsox_socks s JOIN hotsox_users u ON u.id = s.owner_id"
                       " WHERE s.id = $1 AND s.owner_id = $2"},
      {kSwipeJudged, "SELECT other_sock_id FROM hotsox_judgements WHERE sock_id = $1"},
      {kSwipeUnmatched,
       "SELECT CASE WHEN user_id = $1 THEN other_user_id ELSE user_id END FROM hotsox_matches"
       " WHERE unmatched AND (user_id = $1 OR other_user_id = $1)"},
      {kSwipeTraits, "SELECT " + traits +
                         " FROM hotsox_socks s JOIN hotsox_users u ON u.id = s.owner_id"
                         " WHERE s.id = ANY($1::bigint[]) AND s.picture_count > 0"},
      {kJudgeSocks, "SELECT id, owner_id FROM hotsox_socks WHERE id IN ($1, $2)"},
      // Both socks locked in id order: a like and the reverse like serialize.
      {kJudgeSocksLocked, "SELECT id, owner_id FROM hotsox_socks WHERE id IN ($1, $2) ORDER BY id FOR NO KEY UPDATE"},
      {kJudgeLike, kJudgeLikeSql},
      {kJudgeDislike, kJudgeDislikeSql},
      {kJudgeLikeAlone, "SELECT id, owner_id, outcome FROM hotsox_like_alone($1, $2, $3)"},
      {kMatchCreate,
       "INSERT INTO hotsox_matches (user_id, other_user_id, sock_id, other_sock_id) VALUES ($1, $2, $3, $4)"
       " ON CONFLICT ((least(user_id, other_user_id)), (greatest(user_id, other_user_id))) DO NOTHING"
       " RETURNING " +
           matches},
      {kContact, "SELECT username, email, notification FROM hotsox_users WHERE id = $1"},
  };
}

// What a match leads to: chats, mails, unmatching.
std::vector<store::Statement> match_statements() {
  const std::string matches = kMatchColumns;
  const std::string chats = kChatColumns;
  const std::string mails = kMailColumns;
  return {
      {kMatches, "SELECT " + matches + " FROM hotsox_matches WHERE user_id = $1 OR other_user_id = $1 ORDER BY id"},
      {kMatch, "SELECT " + matches + " FROM hotsox_matches WHERE id = $2 AND (user_id = $1 OR other_user_id = $1)"},
      {kUnmatch,
       "UPDATE hotsox_matches SET unmatched = true"
       " WHERE id = $2 AND (user_id = $1 OR other_user_id = $1) RETURNING " +
           matches},
      // Every chat between the two users, either direction.
      {kPairChatsDelete,
       "DELETE FROM hotsox_chats WHERE (sender_id = $1 AND receiver_id = $2) OR (sender_id = $2 AND receiver_id = $1)"},
      {kActiveMatchesOf, "SELECT " + matches +
                             " FROM hotsox_matches WHERE NOT unmatched"
                             " AND (user_id = ANY($1::bigint[]) OR other_user_id = ANY($1::bigint[])) ORDER BY id"},
      {kMailsOf,
       "SELECT owner_id, " + mails + " FROM hotsox_mails WHERE owner_id = ANY($1::bigint[]) ORDER BY id DESC"},
      {kChatsSentOf, "SELECT c.sender_id, " + chats + chats_from("hotsox_chats") +
                         " WHERE c.sender_id = ANY($1::bigint[]) ORDER BY c.id DESC"},
      {kChatsSent,
       "SELECT " + chats + chats_from("hotsox_chats") +
           " WHERE c.sender_id = $1 AND ($2::bigint IS NULL OR c.receiver_id = $2::bigint) ORDER BY c.id DESC"},
      {kPartner,
       "SELECT u.id, (SELECT m.id FROM hotsox_matches m WHERE NOT m.unmatched"
       "   AND least(m.user_id, m.other_user_id) = least(u.id, $1)"
       "   AND greatest(m.user_id, m.other_user_id) = greatest(u.id, $1))"
       " FROM hotsox_users u WHERE u.username = $2"},
      {kChatSend,
       "WITH sent AS (INSERT INTO hotsox_chats (match_id, sender_id, receiver_id, message) VALUES ($1, $2, $3, $4)"
       " RETURNING *) SELECT " +
           chats + chats_from("sent")},

      {kMails, "SELECT " + mails + " FROM hotsox_mails WHERE owner_id = $1 ORDER BY id DESC"},
      {kMailSend, "INSERT INTO hotsox_mails (owner_id, subject, message) VALUES ($1, $2, $3) RETURNING " + mails},
      {kMailDelete, "DELETE FROM hotsox_mails WHERE id = $2 AND owner_id = $1 RETURNING id"},
  };
}

}  // namespace

std::vector<store::Statement> swipe_statements() {
  std::vector<store::Statement> all = judge_statements();
  for (store::Statement& statement : match_statements()) all.push_back(std::move(statement));
  return all;
}

std::optional<SwipeStore::NextSockQuery> SwipeStore::next_sock_query(long long owner_id, long long sock_id) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<NextSockQuery> {
    const auto mine = tx.exec_prepared(kSwipeMine, sock_id, owner_id);
    if (mine.empty()) return std::nullopt;
    NextSockQuery query{traits_of(mine[0]), Exclusions{owner_id, {}, {}}};
    for (const auto& row : tx.exec_prepared(kSwipeJudged, sock_id)) {
      query.exclusions.judged.insert(row[0].as<long long>());
    }
    for (const auto& row : tx.exec_prepared(kSwipeUnmatched, owner_id)) {
      query.exclusions.unmatched.insert(row[0].as<long long>());
    }
    return query;
  });
}

std::vector<SockTraits> SwipeStore::candidate_traits(const std::vector<long long>& ids) {
  const std::string array = id_array(ids);
  return db_.read([&](pqxx::nontransaction& tx) {
    std::vector<SockTraits> out;
    for (const auto& row : tx.exec_prepared(kSwipeTraits, array)) out.push_back(traits_of(row));
    return out;
  });
}

std::optional<JudgeFailure> SwipeStore::check_judgement(long long owner_id, long long sock_id,
                                                        long long other_sock_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return judge_failure(tx.exec_prepared(kJudgeSocks, sock_id, other_sock_id), owner_id, sock_id, other_sock_id);
  });
}

platform::Expected<JudgeResult, JudgeFailure> SwipeStore::judge(long long owner_id, long long sock_id,
                                                                long long other_sock_id, bool like) {
  if (!like) return dislike(owner_id, sock_id, other_sock_id);
  if (auto alone = like_alone(owner_id, sock_id, other_sock_id)) return *alone;
  return db_.write([&](pqxx::work& tx) -> platform::Expected<JudgeResult, JudgeFailure> {
    const auto socks = tx.exec_prepared(kJudgeSocksLocked, sock_id, other_sock_id);
    if (const auto failure = judge_failure(socks, owner_id, sock_id, other_sock_id))
      return platform::Unexpected(*failure);
    const long long other_owner = owner_of(socks, other_sock_id);
    const auto liked = tx.exec_prepared(kJudgeLike, sock_id, other_sock_id)[0];
    if (liked[0].as<bool>()) return JudgeResult{JudgeOutcome::kAlreadyLiked, std::nullopt};
    if (!liked[1].as<bool>()) return JudgeResult{JudgeOutcome::kLikedNoMatch, std::nullopt};
    const auto created = tx.exec_prepared(kMatchCreate, owner_id, other_owner, sock_id, other_sock_id);
    if (created.empty()) return JudgeResult{JudgeOutcome::kLikedNoMatch, std::nullopt};  // the pair has one already
    const Contact me = contact(tx, owner_id);
    const Contact other = contact(tx, other_owner);
    notify(tx, me, kMatchSubject + other.username, kMatchBody);
    notify(tx, other, kMatchSubject + me.username, kMatchBody);
    return JudgeResult{JudgeOutcome::kMatched, match_of(created[0])};
  });
}

std::optional<platform::Expected<JudgeResult, JudgeFailure>> SwipeStore::like_alone(long long owner_id,
                                                                                    long long sock_id,
                                                                                    long long other_sock_id) {
  return db_.write_statement(
      [&](pqxx::nontransaction& tx) -> std::optional<platform::Expected<JudgeResult, JudgeFailure>> {
        const auto socks = tx.exec_prepared(kJudgeLikeAlone, sock_id, other_sock_id, owner_id);
        if (const auto failure = judge_failure(socks, owner_id, sock_id, other_sock_id))
          return platform::Unexpected(*failure);
        const std::string outcome = socks[0][2].as<std::string>();
        if (outcome == "already_liked") return JudgeResult{JudgeOutcome::kAlreadyLiked, std::nullopt};
        if (outcome == "liked") return JudgeResult{JudgeOutcome::kLikedNoMatch, std::nullopt};
        if (outcome == "match") return std::nullopt;
        throw std::logic_error("hotsox_like_alone: " + outcome + " for socks that pass the checks");
      });
}

platform::Expected<JudgeResult, JudgeFailure> SwipeStore::dislike(long long owner_id, long long sock_id,
                                                                  long long other_sock_id) {
  return db_.write_statement([&](pqxx::nontransaction& tx) -> platform::Expected<JudgeResult, JudgeFailure> {
    const auto socks = tx.exec_prepared(kJudgeDislike, sock_id, other_sock_id, owner_id);
    if (const auto failure = judge_failure(socks, owner_id, sock_id, other_sock_id))
      return platform::Unexpected(*failure);
    return JudgeResult{JudgeOutcome::kDisliked, std::nullopt};
  });
}

std::vector<MatchRecord> SwipeStore::matches(long long user_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    std::vector<MatchRecord> out;
    for (const auto& row : tx.exec_prepared(kMatches, user_id)) out.push_back(match_of(row));
    return out;
  });
}

std::optional<MatchRecord> SwipeStore::match(long long user_id, long long match_id) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<MatchRecord> {
    const auto rows = tx.exec_prepared(kMatch, user_id, match_id);
    if (rows.empty()) return std::nullopt;
    return match_of(rows[0]);
  });
}

bool SwipeStore::unmatch(long long user_id, long long match_id) {
  return db_.write([&](pqxx::work& tx) {
    const auto rows = tx.exec_prepared(kUnmatch, user_id, match_id);
    if (rows.empty()) return false;
    const MatchRecord match = oriented_for(match_of(rows[0]), user_id);
    tx.exec_prepared(kPairChatsDelete, match.user, match.other_user);
    const Contact me = contact(tx, match.user);
    const Contact other = contact(tx, match.other_user);
    const std::string body = "The match between " + other.username + " and " + me.username + " has been deleted";
    notify(tx, me, "You have unmached with " + other.username, body);
    notify(tx, other, me.username + " has unmached you", body);
    return true;
  });
}

std::map<long long, Activity> SwipeStore::activity(const std::vector<long long>& user_ids) {
  if (user_ids.empty()) return {};
  const std::string array = id_array(user_ids);
  // Filled inside: a read that is retried starts from nothing again.
  return db_.read([&](pqxx::nontransaction& tx) {
    std::map<long long, Activity> out;
    for (const auto& row : tx.exec_prepared(kActiveMatchesOf, array)) {
      const MatchRecord match = match_of(row);
      // A match between two of the users belongs to both.
      for (const long long side : {match.user, match.other_user}) {
        if (std::find(user_ids.begin(), user_ids.end(), side) != user_ids.end()) {
          out[side].active_matches.push_back(match);
        }
      }
    }
    for (const auto& row : tx.exec_prepared(kMailsOf, array)) {
      out[row["owner_id"].as<long long>()].mails.push_back(mail_of(row));
    }
    for (const auto& row : tx.exec_prepared(kChatsSentOf, array)) {
      out[row["sender_id"].as<long long>()].chats_sent.push_back(chat_of(row));
    }
    return out;
  });
}

std::vector<ChatMessage> SwipeStore::chats_sent(long long user_id, std::optional<long long> receiver_id) {
  const auto receiver = receiver_id ? std::optional<std::string>(std::to_string(*receiver_id)) : std::nullopt;
  return db_.read([&](pqxx::nontransaction& tx) {
    std::vector<ChatMessage> out;
    for (const auto& row :
         tx.exec_prepared(kChatsSent, user_id, receiver ? receiver->c_str() : static_cast<const char*>(nullptr))) {
      out.push_back(chat_of(row));
    }
    return out;
  });
}

std::optional<SwipeStore::Partner> SwipeStore::partner(long long user_id, const std::string& username) {
  // No username is anything but UTF-8, and PostgreSQL refuses to compare other bytes.
  if (!platform::utf8_length(username)) return std::nullopt;
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<Partner> {
    const auto rows = tx.exec_prepared(kPartner, user_id, username);
    if (rows.empty()) return std::nullopt;
    return Partner{rows[0][0].as<long long>(), optional_id(rows[0][1])};
  });
}

ChatMessage SwipeStore::send_chat(long long match_id, long long sender_id, long long receiver_id,
                                  const std::string& message) {
  return db_.write([&](pqxx::work& tx) {
    return chat_of(tx.exec_prepared(kChatSend, match_id, sender_id, receiver_id, message)[0]);
  });
}

std::vector<Mail> SwipeStore::mails(long long user_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Mail> out;
    for (const auto& row : tx.exec_prepared(kMails, user_id)) out.push_back(mail_of(row));
    return out;
  });
}

Mail SwipeStore::send_mail(long long user_id, const std::string& subject, const std::string& content) {
  return db_.write([&](pqxx::work& tx) {
    Mail mail = mail_of(tx.exec_prepared(kMailSend, user_id, subject, content)[0]);
    notify(tx, contact(tx, user_id), subject, content);
    return mail;
  });
}

bool SwipeStore::delete_mail(long long user_id, long long mail_id) {
  return db_.write([&](pqxx::work& tx) { return !tx.exec_prepared(kMailDelete, user_id, mail_id).empty(); });
}

}  // namespace hotsox
