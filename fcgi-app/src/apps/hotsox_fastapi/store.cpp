#include "apps/hotsox_fastapi/store.h"

#include "apps/hotsox/outbox.h"

namespace hotsox_fastapi {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kUserId{"fastapi_user_id"};
constexpr store::StatementName kInitiatedMatches{"fastapi_initiated_matches"};
constexpr store::StatementName kMatchCount{"fastapi_match_count"};
constexpr store::StatementName kMatches{"fastapi_matches"};
constexpr store::StatementName kMatch{"fastapi_match"};
constexpr store::StatementName kMatchLock{"fastapi_match_lock"};
constexpr store::StatementName kUnmatch{"fastapi_unmatch"};
constexpr store::StatementName kMatchChatsDelete{"fastapi_match_chats_delete"};
constexpr store::StatementName kMailCount{"fastapi_mail_count"};
constexpr store::StatementName kMails{"fastapi_mails"};
constexpr store::StatementName kMailOwner{"fastapi_mail_owner"};
constexpr store::StatementName kMailDelete{"fastapi_mail_delete"};
constexpr store::StatementName kChatsSent{"fastapi_chats_sent"};
constexpr store::StatementName kChatCount{"fastapi_chat_count"};
constexpr store::StatementName kChats{"fastapi_chats"};
constexpr store::StatementName kChatsBetween{"fastapi_chats_between"};
constexpr store::StatementName kChat{"fastapi_chat"};
constexpr store::StatementName kSockCount{"fastapi_sock_count"};
constexpr store::StatementName kSockIds{"fastapi_sock_ids"};
constexpr store::StatementName kSockLikes{"fastapi_sock_likes"};
constexpr store::StatementName kPictureOwner{"fastapi_picture_owner"};
constexpr store::StatementName kAccountLock{"fastapi_account_lock"};
constexpr store::StatementName kAccountFiles{"fastapi_account_files"};
constexpr store::StatementName kAccountDelete{"fastapi_account_delete"};
constexpr store::StatementName kJudgeSocks{"fastapi_judge_socks"};
constexpr store::StatementName kJudgement{"fastapi_judgement"};
constexpr store::StatementName kJudgeStore{"fastapi_judge_store"};
constexpr store::StatementName kPairMatched{"fastapi_pair_matched"};
constexpr store::StatementName kMatchCreate{"fastapi_match_create"};

namespace {

constexpr const char* kTimestamp = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

std::string utc(const std::string& column) { return "to_char(" + column + " AT TIME ZONE 'UTC', " + kTimestamp + ")"; }

// The other party of match m for user $1, as o.
constexpr const char* kMatchFrom =
    " FROM hotsox_matches m JOIN hotsox_users o"
    " ON o.id = CASE WHEN m.user_id = $1 THEN m.other_user_id ELSE m.user_id END";
constexpr const char* kMatchColumns = "m.id, m.unmatched, m.chatroom_uuid::text, o.username, o.email";

std::string chat_select() {
  return "SELECT c.id, s.username, s.email, r.username, r.email, c.message, " + utc("c.sent_at") +
         " FROM hotsox_chats c JOIN hotsox_users s ON s.id = c.sender_id JOIN hotsox_users r ON r.id = c.receiver_id";
}

MatchView match_of(const pqxx::row& row) {
  return {row[0].as<long long>(),
          row[1].as<bool>(),
          row[2].as<std::string>(),
          {row[3].as<std::string>(), row[4].as<std::string>()}};
}

ChatView chat_of(const pqxx::row& row) {
  return {row[0].as<long long>(),
          {row[1].as<std::string>(), row[2].as<std::string>()},
          {row[3].as<std::string>(), row[4].as<std::string>()},
          row[5].as<std::string>(),
          row[6].as<std::string>()};
}

MailView mail_of(const pqxx::row& row) {
  return {row[0].as<long long>(), row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>()};
}

template <typename T, typename Of>
std::vector<T> all(const pqxx::result& rows, Of of) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(of(row));
  return out;
}

std::string id_array(const std::vector<long long>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i > 0 ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

Ownership ownership(const pqxx::result& rows, long long user_id) {
  if (rows.empty()) return Ownership::kMissing;
  return rows[0][0].as<long long>() == user_id ? Ownership::kMine : Ownership::kSomeoneElses;
}

}  // namespace

std::vector<store::Statement> statements() {
  const std::string match_columns = kMatchColumns;
  const std::string match_from = kMatchFrom;
  const std::string chats = chat_select();
  return {
      {kUserId, "SELECT id FROM hotsox_users WHERE username = $1"},
      {kInitiatedMatches, "SELECT " + match_columns + match_from + " WHERE m.user_id = $1 ORDER BY m.id"},
      {kMatchCount, "SELECT count(*) FROM hotsox_matches WHERE user_id = $1 OR other_user_id = $1"},
      {kMatches, "SELECT " + match_columns + match_from +
                     " WHERE m.user_id = $1 OR m.other_user_id = $1 ORDER BY m.id LIMIT $2 OFFSET $3"},
      {kMatch,
       "SELECT " + match_columns + match_from + " WHERE (m.user_id = $1 OR m.other_user_id = $1) AND m.id = $2"},
      {kMatchLock,
       "SELECT unmatched FROM hotsox_matches WHERE id = $2 AND (user_id = $1 OR other_user_id = $1) FOR UPDATE"},
      {kUnmatch, "UPDATE hotsox_matches SET unmatched = true WHERE id = $1"},
      {kMatchChatsDelete, "DELETE FROM hotsox_chats WHERE match_id = $1"},

      {kMailCount, "SELECT count(*) FROM hotsox_mails WHERE owner_id = $1"},
      {kMails,
       "SELECT id, subject, message, (sent_at AT TIME ZONE 'UTC')::date::text FROM hotsox_mails"
       " WHERE owner_id = $1 ORDER BY id LIMIT $2 OFFSET $3"},
      {kMailOwner, "SELECT owner_id FROM hotsox_mails WHERE id = $1"},
      {kMailDelete, "DELETE FROM hotsox_mails WHERE id = $1"},

      {kChatsSent, chats + " WHERE c.sender_id = $1 ORDER BY c.id"},
      {kChatCount, "SELECT count(*) FROM hotsox_chats WHERE sender_id = $1 OR receiver_id = $1"},
      {kChats, chats + " WHERE c.sender_id = $1 OR c.receiver_id = $1 ORDER BY c.id LIMIT $2 OFFSET $3"},
      {kChatsBetween, chats + " WHERE (c.sender_id = $1 AND c.receiver_id = $2)"
                              " OR (c.sender_id = $2 AND c.receiver_id = $1) ORDER BY c.id"},
      {kChat, chats + " WHERE c.id = $1"},

      {kSockCount, "SELECT count(*) FROM hotsox_socks WHERE owner_id = $1"},
      {kSockIds, "SELECT id FROM hotsox_socks WHERE owner_id = $1 ORDER BY id LIMIT $2 OFFSET $3"},
      {kSockLikes,
       "SELECT j.sock_id, j.id, s.info_name, s.info_special, o.info_name, o.info_special, j.liked"
       " FROM hotsox_judgements j JOIN hotsox_socks s ON s.id = j.sock_id JOIN hotsox_socks o ON o.id = j.other_sock_id"
       " WHERE j.sock_id = ANY($1::bigint[]) ORDER BY j.id"},

      {kPictureOwner, "SELECT owner_id FROM hotsox_pictures WHERE id = $1 AND sock_id IS NULL"},

      // The lock keeps a concurrent upload from adding a picture between
      // listing the files and the delete.
      {kAccountLock, "SELECT id FROM hotsox_users WHERE id = $1 FOR UPDATE"},
      {kAccountFiles, "SELECT file_name FROM hotsox_pictures WHERE owner_id = $1"},
      {kAccountDelete, "DELETE FROM hotsox_users WHERE id = $1"},

      // Both socks locked in id order, as the DRF judge locks them.
      {kJudgeSocks, "SELECT id, owner_id FROM hotsox_socks WHERE id IN ($1, $2) ORDER BY id FOR NO KEY UPDATE"},
      {kJudgement, "SELECT liked FROM hotsox_judgements WHERE sock_id = $1 AND other_sock_id = $2"},
      {kJudgeStore, "INSERT INTO hotsox_judgements (sock_id, other_sock_id, liked) VALUES ($1, $2, $3)"},
      {kPairMatched,
       "SELECT 1 FROM hotsox_matches WHERE least(user_id, other_user_id) = least($1::bigint, $2::bigint)"
       " AND greatest(user_id, other_user_id) = greatest($1::bigint, $2::bigint)"},
      {kMatchCreate,
       "INSERT INTO hotsox_matches (user_id, other_user_id, sock_id, other_sock_id) VALUES ($1, $2, $3, $4)"
       " ON CONFLICT ((least(user_id, other_user_id)), (greatest(user_id, other_user_id))) DO NOTHING"
       " RETURNING id, user_id, other_user_id, chatroom_uuid::text"},
  };
}

std::optional<long long> FastapiStore::user_id(const std::string& username) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<long long> {
    const auto rows = tx.exec_prepared(kUserId, username);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<long long>();
  });
}

std::vector<MatchView> FastapiStore::initiated_matches(long long user_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return all<MatchView>(tx.exec_prepared(kInitiatedMatches, user_id), match_of); });
}

long long FastapiStore::count_matches(long long user_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared(kMatchCount, user_id)[0][0].as<long long>(); });
}

std::vector<MatchView> FastapiStore::matches(long long user_id, long long limit, long long offset) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return all<MatchView>(tx.exec_prepared(kMatches, user_id, limit, offset), match_of);
  });
}

std::optional<MatchView> FastapiStore::match(long long user_id, long long match_id) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<MatchView> {
    const auto rows = tx.exec_prepared(kMatch, user_id, match_id);
    if (rows.empty()) return std::nullopt;
    return match_of(rows[0]);
  });
}

UnmatchAnswer FastapiStore::unmatch(long long user_id, long long match_id) {
  return db_.write([&](pqxx::work& tx) {
    const auto rows = tx.exec_prepared(kMatchLock, user_id, match_id);
    if (rows.empty()) return UnmatchAnswer::kMissing;
    if (rows[0][0].as<bool>()) return UnmatchAnswer::kAlreadyUnmatched;
    tx.exec_prepared(kUnmatch, match_id);
    // A pair has one match row, so its chats are exactly the two users' chats.
    tx.exec_prepared(kMatchChatsDelete, match_id);
    return UnmatchAnswer::kDone;
  });
}

long long FastapiStore::count_mails(long long user_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared(kMailCount, user_id)[0][0].as<long long>(); });
}

std::vector<MailView> FastapiStore::mails(long long user_id, long long limit, long long offset) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return all<MailView>(tx.exec_prepared(kMails, user_id, limit, offset), mail_of);
  });
}

std::vector<MailView> FastapiStore::all_mails(long long user_id) {
  // LIMIT NULL: no limit.
  return db_.read(
      [&](pqxx::nontransaction& tx) { return all<MailView>(tx.exec_prepared(kMails, user_id, nullptr, 0), mail_of); });
}

Ownership FastapiStore::mail_owner(long long user_id, long long mail_id) {
  return db_.read([&](pqxx::nontransaction& tx) { return ownership(tx.exec_prepared(kMailOwner, mail_id), user_id); });
}

void FastapiStore::delete_mail(long long mail_id) {
  db_.write([&](pqxx::work& tx) { tx.exec_prepared(kMailDelete, mail_id); });
}

std::vector<ChatView> FastapiStore::chats_sent(long long user_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return all<ChatView>(tx.exec_prepared(kChatsSent, user_id), chat_of); });
}

long long FastapiStore::count_chats(long long user_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared(kChatCount, user_id)[0][0].as<long long>(); });
}

std::vector<ChatView> FastapiStore::chats(long long user_id, long long limit, long long offset) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return all<ChatView>(tx.exec_prepared(kChats, user_id, limit, offset), chat_of);
  });
}

std::vector<ChatView> FastapiStore::chats_between(long long user_id, long long other_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return all<ChatView>(tx.exec_prepared(kChatsBetween, user_id, other_id), chat_of);
  });
}

std::optional<ChatView> FastapiStore::chat(long long chat_id) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<ChatView> {
    const auto rows = tx.exec_prepared(kChat, chat_id);
    if (rows.empty()) return std::nullopt;
    return chat_of(rows[0]);
  });
}

long long FastapiStore::count_socks(long long owner_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared(kSockCount, owner_id)[0][0].as<long long>(); });
}

std::vector<long long> FastapiStore::sock_ids(long long owner_id, long long limit, long long offset) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return all<long long>(tx.exec_prepared(kSockIds, owner_id, limit, offset),
                          [](const pqxx::row& row) { return row[0].as<long long>(); });
  });
}

std::map<long long, std::vector<SockLike>> FastapiStore::sock_likes(const std::vector<long long>& sock_ids) {
  if (sock_ids.empty()) return {};
  return db_.read([&](pqxx::nontransaction& tx) {
    std::map<long long, std::vector<SockLike>> out;
    for (const auto& row : tx.exec_prepared(kSockLikes, id_array(sock_ids))) {
      SockLike like;
      like.id = row[1].as<long long>();
      like.sock = {row[2].as<std::string>(), row[3].as<std::string>()};
      const SockName other{row[4].as<std::string>(), row[5].as<std::string>()};
      if (row[6].as<bool>()) {
        like.like = other;
      } else {
        like.dislike = other;
      }
      out[row[0].as<long long>()].push_back(std::move(like));
    }
    return out;
  });
}

Ownership FastapiStore::picture_owner(long long user_id, long long picture_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return ownership(tx.exec_prepared(kPictureOwner, picture_id), user_id); });
}

bool FastapiStore::remove_account(long long user_id) {
  return db_.write([&](pqxx::work& tx) {
    if (tx.exec_prepared(kAccountLock, user_id).empty()) return false;
    const auto files = tx.exec_prepared(kAccountFiles, user_id);
    tx.exec_prepared(kAccountDelete, user_id);
    for (const auto& row : files) hotsox::enqueue_file_removal(tx, row[0].as<std::string>());
    return true;
  });
}

JudgeAnswer FastapiStore::judge(long long user_id, long long sock_id, long long other_sock_id, bool like) {
  return db_.write([&](pqxx::work& tx) -> JudgeAnswer {
    std::optional<long long> my_owner;
    std::optional<long long> other_owner;
    for (const auto& row : tx.exec_prepared(kJudgeSocks, sock_id, other_sock_id)) {
      const long long id = row[0].as<long long>();
      if (id == sock_id) my_owner = row[1].as<long long>();
      if (id == other_sock_id) other_owner = row[1].as<long long>();
    }
    using Refused = platform::Unexpected<JudgeRefusal>;
    if (my_owner != user_id) return Refused(JudgeRefusal::kNotMySock);
    if (!other_owner) return Refused(JudgeRefusal::kOtherMissing);
    if (*other_owner == user_id) return Refused(JudgeRefusal::kOwnSock);
    if (!tx.exec_prepared(kJudgement, sock_id, other_sock_id).empty()) return Refused(JudgeRefusal::kAlreadyJudged);
    tx.exec_prepared(kJudgeStore, sock_id, other_sock_id, like);
    if (!like) return std::optional<NewMatch>();
    const auto reverse = tx.exec_prepared(kJudgement, other_sock_id, sock_id);
    if (reverse.empty() || !reverse[0][0].as<bool>()) return std::optional<NewMatch>();
    // A pair of users gets at most one match row ever, unmatched or not.
    if (!tx.exec_prepared(kPairMatched, user_id, *other_owner).empty()) return std::optional<NewMatch>();
    const auto created = tx.exec_prepared(kMatchCreate, user_id, *other_owner, sock_id, other_sock_id);
    if (created.empty()) return std::optional<NewMatch>();
    const auto& row = created[0];
    return std::optional<NewMatch>(
        NewMatch{row[0].as<long long>(), row[1].as<long long>(), row[2].as<long long>(), row[3].as<std::string>()});
  });
}

}  // namespace hotsox_fastapi
