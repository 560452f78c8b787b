#include "apps/hotsox/store.h"

#include "jobs/outbox.h"

#include <cstdio>
#include <stdexcept>

namespace hotsox {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kAccountFind{"hotsox_account_find"};
constexpr store::StatementName kPrincipal{"hotsox_principal"};
constexpr store::StatementName kCredentials{"hotsox_credentials"};
constexpr store::StatementName kClashes{"hotsox_clashes"};
constexpr store::StatementName kAccountInsert{"hotsox_account_insert"};
constexpr store::StatementName kAuthTokenMake{"hotsox_auth_token_make"};
constexpr store::StatementName kAuthTokenKey{"hotsox_auth_token_key"};
constexpr store::StatementName kAuthTokenPrincipal{"hotsox_auth_token_principal"};
constexpr store::StatementName kAccountUpdate{"hotsox_account_update"};
constexpr store::StatementName kAccountLock{"hotsox_account_lock"};
constexpr store::StatementName kAccountFiles{"hotsox_account_files"};
constexpr store::StatementName kAccountDelete{"hotsox_account_delete"};
constexpr store::StatementName kAccountCount{"hotsox_account_count"};
constexpr store::StatementName kAccountList{"hotsox_account_list"};
constexpr store::StatementName kSockFind{"hotsox_sock_find"};
constexpr store::StatementName kSockFindAny{"hotsox_sock_find_any"};
constexpr store::StatementName kSockLikes{"hotsox_sock_likes"};
constexpr store::StatementName kSockCount{"hotsox_sock_count"};
constexpr store::StatementName kSockList{"hotsox_sock_list"};
constexpr store::StatementName kSocksOf{"hotsox_socks_of"};
constexpr store::StatementName kSockInsert{"hotsox_sock_insert"};
constexpr store::StatementName kSockUpdate{"hotsox_sock_update"};
constexpr store::StatementName kSockLock{"hotsox_sock_lock"};
constexpr store::StatementName kSockFiles{"hotsox_sock_files"};
constexpr store::StatementName kSockDelete{"hotsox_sock_delete"};
constexpr store::StatementName kPictureInsert{"hotsox_picture_insert"};
constexpr store::StatementName kPictureDelete{"hotsox_picture_delete"};
constexpr store::StatementName kProfilePictures{"hotsox_profile_pictures"};
constexpr store::StatementName kSockPictures{"hotsox_sock_pictures"};

namespace {

constexpr const char* kAccountColumns =
    "id, username, email, first_name, last_name, info_about, info_birthday::text, info_gender, location_city,"
    " location_latitude, location_longitude, notification, social_instagram, social_facebook, social_twitter,"
    " social_spotify, is_staff, is_active,"
    " to_char(date_joined AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), is_superuser,"
    " to_char(last_login AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

constexpr const char* kSockColumns =
    "id, owner_id, info_joining_date::text, info_name, info_about, info_color, info_fabric, info_fabric_thickness,"
    " info_brand, info_type, info_size, info_age, info_separation_date::text, info_condition, info_holes,"
    " info_kilometers, info_inoutdoor, info_washed, info_special";

const char* nullable(const std::optional<std::string>& value) { return value ? value->c_str() : nullptr; }

std::optional<std::string> number_text(const std::optional<double>& value) {
  if (!value) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", *value);
  return std::string(buffer);
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

platform::Date date_of(const pqxx::field& field) {
  const auto date = platform::parse_iso_date(field.as<std::string>());
  if (!date) throw std::runtime_error("unexpected date from PostgreSQL: " + field.as<std::string>());
  return *date;
}

Account account_of(const pqxx::row& row) {
  Account account;
  account.id = row[0].as<long long>();
  Profile& p = account.profile;
  p.username = row[1].as<std::string>();
  p.email = row[2].as<std::string>();
  p.first_name = row[3].as<std::string>();
  p.last_name = row[4].as<std::string>();
  p.info_about = row[5].as<std::string>();
  p.info_birthday = date_of(row[6]);
  p.info_gender = row[7].as<int>();
  p.location_city = row[8].as<std::string>();
  if (!row[9].is_null()) p.location_latitude = row[9].as<double>();
  if (!row[10].is_null()) p.location_longitude = row[10].as<double>();
  p.notification = row[11].as<bool>();
  p.social_instagram = optional_text(row[12]);
  p.social_facebook = optional_text(row[13]);
  p.social_twitter = optional_text(row[14]);
  p.social_spotify = optional_text(row[15]);
  account.is_staff = row[16].as<bool>();
  account.is_active = row[17].as<bool>();
  account.date_joined = row[18].as<std::string>();
  account.is_superuser = row[19].as<bool>();
  account.last_login = optional_text(row[20]);
  return account;
}

Sock sock_of(const pqxx::row& row) {
  Sock sock;
  sock.id = row[0].as<long long>();
  sock.owner_id = row[1].as<long long>();
  sock.info_joining_date = date_of(row[2]);
  SockFields& f = sock.fields;
  f.info_name = row[3].as<std::string>();
  f.info_about = row[4].as<std::string>();
  f.info_color = row[5].as<int>();
  f.info_fabric = row[6].as<int>();
  f.info_fabric_thickness = row[7].as<int>();
  f.info_brand = row[8].as<int>();
  f.info_type = row[9].as<int>();
  f.info_size = row[10].as<int>();
  f.info_age = row[11].as<int>();
  f.info_separation_date = date_of(row[12]);
  f.info_condition = row[13].as<int>();
  f.info_holes = row[14].as<int>();
  f.info_kilometers = row[15].as<int>();
  f.info_inoutdoor = row[16].as<int>();
  f.info_washed = row[17].as<int>();
  f.info_special = row[18].as<std::string>();
  return sock;
}

// A PostgreSQL array literal of ids, for "= ANY($1::bigint[])".
std::string id_array(const std::vector<long long>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

std::map<long long, std::vector<Picture>> pictures_by(const pqxx::result& rows) {
  std::map<long long, std::vector<Picture>> out;
  for (const auto& row : rows)
    out[row[0].as<long long>()].push_back({row[1].as<long long>(), row[2].as<std::string>()});
  return out;
}

std::vector<std::string> file_names(const pqxx::result& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row[0].as<std::string>());
  return out;
}

// The fifteen profile values are $1..$15 of a statement; `trailing` follow.
template <typename... Trailing>
pqxx::result write_profile(pqxx::work& tx, store::StatementName statement, const Profile& p, const Trailing&... trailing) {
  const auto latitude = number_text(p.location_latitude);
  const auto longitude = number_text(p.location_longitude);
  return tx.exec_prepared(statement, p.username, p.email, p.first_name, p.last_name, p.info_about,
                          platform::format_iso_date(p.info_birthday), p.info_gender, p.location_city,
                          nullable(latitude), nullable(longitude), p.notification, nullable(p.social_instagram),
                          nullable(p.social_facebook), nullable(p.social_twitter), nullable(p.social_spotify),
                          trailing...);
}

// The sixteen sock values are $1..$16; `trailing` follow.
template <typename... Trailing>
pqxx::result write_sock(pqxx::work& tx, store::StatementName statement, const SockFields& f, const Trailing&... trailing) {
  return tx.exec_prepared(statement, f.info_name, f.info_about, f.info_color, f.info_fabric, f.info_fabric_thickness,
                          f.info_brand, f.info_type, f.info_size, f.info_age,
                          platform::format_iso_date(f.info_separation_date), f.info_condition, f.info_holes,
                          f.info_kilometers, f.info_inoutdoor, f.info_washed, f.info_special, trailing...);
}

constexpr const char* kProfileColumns =
    "username, email, first_name, last_name, info_about, info_birthday, info_gender, location_city,"
    " location_latitude, location_longitude, notification, social_instagram, social_facebook, social_twitter,"
    " social_spotify";
constexpr const char* kSockFieldColumns =
    "info_name, info_about, info_color, info_fabric, info_fabric_thickness, info_brand, info_type, info_size,"
    " info_age, info_separation_date, info_condition, info_holes, info_kilometers, info_inoutdoor, info_washed,"
    " info_special";
constexpr const char* kFifteen = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15";
constexpr const char* kSixteen = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16";

}  // namespace

std::vector<store::Statement> statements() {
  const std::string account_columns = kAccountColumns;
  const std::string sock_columns = kSockColumns;
  const std::string profile_columns = kProfileColumns;
  const std::string sock_field_columns = kSockFieldColumns;
  const std::string fifteen = kFifteen;
  const std::string sixteen = kSixteen;
  return {
      {kAccountFind, "SELECT " + account_columns + " FROM hotsox_users WHERE id = $1"},
      {kPrincipal, "SELECT id, is_staff, is_active, token_version FROM hotsox_users WHERE id = $1"},
      {kCredentials,
       "SELECT id, is_staff, is_active, token_version, password_hash FROM hotsox_users WHERE username = $1"},
      {kClashes,
       "SELECT coalesce(bool_or(username = $1), false), coalesce(bool_or(lower(email) = lower($2)), false)"
       " FROM hotsox_users WHERE (username = $1 OR lower(email) = lower($2)) AND id <> $3"},
      {kAccountInsert, "INSERT INTO hotsox_users (" + profile_columns +
                           ", password_hash, is_staff, is_superuser) VALUES (" + fifteen +
                           ", $16, $17, $17) RETURNING id"},
      {kAuthTokenMake,
       "INSERT INTO hotsox_auth_tokens (key, user_id) VALUES ($2, $1) ON CONFLICT (user_id) DO NOTHING"},
      {kAuthTokenKey, "SELECT key FROM hotsox_auth_tokens WHERE user_id = $1"},
      {kAuthTokenPrincipal,
       "SELECT u.id, u.is_staff, u.is_active, u.token_version FROM hotsox_auth_tokens t"
       " JOIN hotsox_users u ON u.id = t.user_id WHERE t.key = $1"},
      // A new password hash ($16) retires every token issued so far.
      {kAccountUpdate, "UPDATE hotsox_users SET (" + profile_columns + ") = ROW(" + fifteen +
                           "), password_hash = coalesce($16::text, password_hash),"
                           " token_version = token_version + CASE WHEN $16::text IS NULL THEN 0 ELSE 1 END"
                           " WHERE id = $17 RETURNING id"},
      {kAccountLock, "SELECT email, notification FROM hotsox_users WHERE id = $1 FOR UPDATE"},
      {kAccountFiles, "SELECT file_name FROM hotsox_pictures WHERE owner_id = $1"},
      {kAccountDelete, "DELETE FROM hotsox_users WHERE id = $1"},
      {kAccountCount, "SELECT count(*) FROM hotsox_users"},
      {kAccountList, "SELECT " + account_columns + " FROM hotsox_users ORDER BY id DESC LIMIT $1 OFFSET $2"},

      {kSockFind, "SELECT " + sock_columns + " FROM hotsox_socks WHERE id = $2 AND owner_id = $1"},
      {kSockFindAny, "SELECT " + sock_columns + " FROM hotsox_socks WHERE id = $1"},
      {kSockLikes,
       "SELECT sock_id, id, other_sock_id, liked FROM hotsox_judgements WHERE sock_id = ANY($1::bigint[]) ORDER BY id"},
      {kSockCount, "SELECT count(*) FROM hotsox_socks WHERE owner_id = $1"},
      {kSockList,
       "SELECT " + sock_columns + " FROM hotsox_socks WHERE owner_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"},
      {kSocksOf, "SELECT " + sock_columns + " FROM hotsox_socks WHERE owner_id = ANY($1::bigint[]) ORDER BY id DESC"},
      {kSockInsert,
       "INSERT INTO hotsox_socks (" + sock_field_columns + ", owner_id) VALUES (" + sixteen + ", $17) RETURNING id"},
      {kSockUpdate, "UPDATE hotsox_socks SET (" + sock_field_columns + ") = ROW(" + sixteen +
                        ") WHERE owner_id = $17 AND id = $18 RETURNING id"},
      {kSockLock, "SELECT id FROM hotsox_socks WHERE id = $2 AND owner_id = $1 FOR UPDATE"},
      {kSockFiles, "SELECT file_name FROM hotsox_pictures WHERE sock_id = $1"},
      {kSockDelete, "DELETE FROM hotsox_socks WHERE id = $1"},

      {kPictureInsert,
       "INSERT INTO hotsox_pictures (owner_id, sock_id, file_name, size_bytes) VALUES ($1, $2::bigint, $3, $4)"
       " RETURNING id, file_name"},
      {kPictureDelete,
       "DELETE FROM hotsox_pictures WHERE id = $1 AND owner_id = $2"
       " AND sock_id IS NOT DISTINCT FROM $3::bigint RETURNING file_name"},
      {kProfilePictures,
       "SELECT owner_id, id, file_name FROM hotsox_pictures WHERE owner_id = ANY($1::bigint[]) AND sock_id IS NULL"
       " ORDER BY id"},
      {kSockPictures,
       "SELECT sock_id, id, file_name FROM hotsox_pictures WHERE sock_id = ANY($1::bigint[]) ORDER BY id"},
  };
}

// --- accounts ---------------------------------------------------------------

std::optional<Account> AccountStore::find(long long id) {
  auto account = db_.read([&](pqxx::nontransaction& tx) -> std::optional<Account> {
    const auto rows = tx.exec_prepared(kAccountFind, id);
    if (rows.empty()) return std::nullopt;
    return account_of(rows[0]);
  });
  if (!account) return std::nullopt;
  std::vector<Account> one{std::move(*account)};
  attach_pictures_and_socks(one);
  return std::move(one.front());
}

std::optional<Principal> AccountStore::principal(long long id) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<Principal> {
    const auto rows = tx.exec_prepared(kPrincipal, id);
    if (rows.empty()) return std::nullopt;
    return Principal{rows[0][0].as<long long>(), rows[0][1].as<bool>(), rows[0][2].as<bool>(),
                     rows[0][3].as<long long>()};
  });
}

std::optional<Credentials> AccountStore::credentials(const std::string& username) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<Credentials> {
    const auto rows = tx.exec_prepared(kCredentials, username);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    return Credentials{Principal{row[0].as<long long>(), row[1].as<bool>(), row[2].as<bool>(), row[3].as<long long>()},
                       row[4].as<std::string>()};
  });
}

Clash AccountStore::clashes(const std::string& username, const std::string& email, long long except_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    const auto rows = tx.exec_prepared(kClashes, username, email, except_id);
    return Clash{rows[0][0].as<bool>(), rows[0][1].as<bool>()};
  });
}

std::optional<long long> AccountStore::insert(const Profile& profile, const std::string& password_hash, bool is_admin) {
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<long long> {
      return write_profile(tx, kAccountInsert, profile, password_hash, is_admin)[0][0].as<long long>();
    });
  } catch (const pqxx::unique_violation&) {
    return std::nullopt;
  }
}

std::string AccountStore::auth_token_key(long long user_id, const std::string& new_key) {
  return db_.write([&](pqxx::work& tx) {
    tx.exec_prepared(kAuthTokenMake, user_id, new_key);
    return tx.exec_prepared(kAuthTokenKey, user_id)[0][0].as<std::string>();
  });
}

std::optional<Principal> AccountStore::principal_of_auth_token(const std::string& key) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<Principal> {
    const auto rows = tx.exec_prepared(kAuthTokenPrincipal, key);
    if (rows.empty()) return std::nullopt;
    return Principal{rows[0][0].as<long long>(), rows[0][1].as<bool>(), rows[0][2].as<bool>(),
                     rows[0][3].as<long long>()};
  });
}

std::optional<bool> AccountStore::update(long long id, const Profile& profile,
                                         const std::optional<std::string>& password_hash) {
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<bool> {
      return !write_profile(tx, kAccountUpdate, profile, nullable(password_hash), id).empty();
    });
  } catch (const pqxx::unique_violation&) {
    return std::nullopt;
  }
}

bool AccountStore::remove(long long id) {
  return db_.write([&](pqxx::work& tx) {
    // The lock keeps a concurrent upload from adding a picture (its foreign
    // key check waits for it) between listing the files and the delete.
    const auto account = tx.exec_prepared(kAccountLock, id);
    if (account.empty()) return false;
    const auto files = file_names(tx.exec_prepared(kAccountFiles, id));
    tx.exec_prepared(kAccountDelete, id);
    for (const auto& file : files) jobs::enqueue_file_removal(tx, file);
    if (account[0][1].as<bool>())
      jobs::enqueue_email(tx, account[0][0].as<std::string>(), kDeletionSubject, kDeletionBody);
    return true;
  });
}

long long AccountStore::count() {
  return db_.read([](pqxx::nontransaction& tx) { return tx.exec_prepared(kAccountCount)[0][0].as<long long>(); });
}

std::vector<Account> AccountStore::list(long long limit, long long offset) {
  auto accounts = db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Account> out;
    for (const auto& row : tx.exec_prepared(kAccountList, limit, offset)) out.push_back(account_of(row));
    return out;
  });
  attach_pictures_and_socks(accounts);
  return accounts;
}

void AccountStore::attach_pictures_and_socks(std::vector<Account>& accounts) {
  if (accounts.empty()) return;
  std::vector<long long> ids;
  for (const Account& account : accounts) ids.push_back(account.id);
  auto pictures = PictureStore(db_).profile_pictures(ids);
  auto socks = SockStore(db_).socks_of(ids);
  for (Account& account : accounts) {
    account.pictures = std::move(pictures[account.id]);
    account.socks = std::move(socks[account.id]);
  }
}

// --- socks ------------------------------------------------------------------

std::optional<Sock> SockStore::find(long long owner_id, long long sock_id) {
  auto sock = db_.read([&](pqxx::nontransaction& tx) -> std::optional<Sock> {
    const auto rows = tx.exec_prepared(kSockFind, owner_id, sock_id);
    if (rows.empty()) return std::nullopt;
    return sock_of(rows[0]);
  });
  if (sock) {
    sock->pictures = std::move(PictureStore(db_).sock_pictures({sock->id})[sock->id]);
    sock->likes = std::move(likes_of({sock->id})[sock->id]);
  }
  return sock;
}

std::optional<Sock> SockStore::find_any(long long sock_id) {
  auto sock = db_.read([&](pqxx::nontransaction& tx) -> std::optional<Sock> {
    const auto rows = tx.exec_prepared(kSockFindAny, sock_id);
    if (rows.empty()) return std::nullopt;
    return sock_of(rows[0]);
  });
  if (sock) {
    sock->pictures = std::move(PictureStore(db_).sock_pictures({sock->id})[sock->id]);
    sock->likes = std::move(likes_of({sock->id})[sock->id]);
  }
  return sock;
}

long long SockStore::count(long long owner_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared(kSockCount, owner_id)[0][0].as<long long>(); });
}

std::vector<Sock> SockStore::list(long long owner_id, long long limit, long long offset) {
  auto socks = db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Sock> out;
    for (const auto& row : tx.exec_prepared(kSockList, owner_id, limit, offset)) out.push_back(sock_of(row));
    return out;
  });
  if (socks.empty()) return socks;
  std::vector<long long> ids;
  for (const Sock& sock : socks) ids.push_back(sock.id);
  auto pictures = PictureStore(db_).sock_pictures(ids);
  auto likes = likes_of(ids);
  for (Sock& sock : socks) {
    sock.pictures = std::move(pictures[sock.id]);
    sock.likes = std::move(likes[sock.id]);
  }
  return socks;
}

std::map<long long, std::vector<Sock>> SockStore::socks_of(const std::vector<long long>& owner_ids) {
  std::vector<Sock> socks = db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Sock> out;
    for (const auto& row : tx.exec_prepared(kSocksOf, id_array(owner_ids))) out.push_back(sock_of(row));
    return out;
  });
  std::map<long long, std::vector<Sock>> by_owner;
  if (socks.empty()) return by_owner;
  std::vector<long long> ids;
  for (const Sock& sock : socks) ids.push_back(sock.id);
  auto pictures = PictureStore(db_).sock_pictures(ids);
  auto likes = likes_of(ids);
  for (Sock& sock : socks) {
    sock.pictures = std::move(pictures[sock.id]);
    sock.likes = std::move(likes[sock.id]);
    by_owner[sock.owner_id].push_back(std::move(sock));
  }
  return by_owner;
}

std::optional<long long> SockStore::insert(long long owner_id, const SockFields& fields) {
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<long long> {
      return write_sock(tx, kSockInsert, fields, owner_id)[0][0].as<long long>();
    });
  } catch (const pqxx::foreign_key_violation&) {
    return std::nullopt;  // the owner was deleted meanwhile
  }
}

bool SockStore::update(long long owner_id, long long sock_id, const SockFields& fields) {
  return db_.write([&](pqxx::work& tx) { return !write_sock(tx, kSockUpdate, fields, owner_id, sock_id).empty(); });
}

bool SockStore::remove(long long owner_id, long long sock_id) {
  return db_.write([&](pqxx::work& tx) {
    if (tx.exec_prepared(kSockLock, owner_id, sock_id).empty()) return false;
    const auto files = file_names(tx.exec_prepared(kSockFiles, sock_id));
    tx.exec_prepared(kSockDelete, sock_id);
    for (const auto& file : files) jobs::enqueue_file_removal(tx, file);
    return true;
  });
}

// --- pictures ---------------------------------------------------------------

std::optional<Picture> PictureStore::insert(long long owner_id, std::optional<long long> sock_id,
                                            const std::string& file_name, long long size_bytes) {
  const auto sock_text = sock_id ? std::optional<std::string>(std::to_string(*sock_id)) : std::nullopt;
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<Picture> {
      const auto rows = tx.exec_prepared(kPictureInsert, owner_id, nullable(sock_text), file_name, size_bytes);
      return Picture{rows[0][0].as<long long>(), rows[0][1].as<std::string>()};
    });
  } catch (const pqxx::foreign_key_violation&) {
    return std::nullopt;
  }
}

bool PictureStore::remove(long long owner_id, std::optional<long long> sock_id, long long picture_id) {
  const auto sock_text = sock_id ? std::optional<std::string>(std::to_string(*sock_id)) : std::nullopt;
  return db_.write([&](pqxx::work& tx) {
    const auto rows = tx.exec_prepared(kPictureDelete, picture_id, owner_id, nullable(sock_text));
    if (rows.empty()) return false;
    jobs::enqueue_file_removal(tx, rows[0][0].as<std::string>());
    return true;
  });
}

std::map<long long, std::vector<Picture>> PictureStore::profile_pictures(const std::vector<long long>& owner_ids) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return pictures_by(tx.exec_prepared(kProfilePictures, id_array(owner_ids))); });
}

std::map<long long, std::vector<Picture>> PictureStore::sock_pictures(const std::vector<long long>& sock_ids) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return pictures_by(tx.exec_prepared(kSockPictures, id_array(sock_ids))); });
}

std::map<long long, std::vector<SockLike>> SockStore::likes_of(const std::vector<long long>& sock_ids) {
  return db_.read([&](pqxx::nontransaction& tx) {
    std::map<long long, std::vector<SockLike>> out;
    for (const auto& row : tx.exec_prepared(kSockLikes, id_array(sock_ids))) {
      out[row[0].as<long long>()].push_back({row[1].as<long long>(), row[2].as<long long>(), row[3].as<bool>()});
    }
    return out;
  });
}

}  // namespace hotsox
