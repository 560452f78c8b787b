// Accounts: hotsox_users and their DRF authtoken keys.
#include "apps/hotsox/outbox.h"
#include "apps/hotsox/store.h"
#include "apps/hotsox/store_rows.h"
#include "store/columns.h"

namespace hotsox {

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

namespace {

// What account_of reads, each by its name.
constexpr const char* kAccountColumns =
    "id, username, email, first_name, last_name, info_about, info_birthday::text AS info_birthday, info_gender,"
    " location_city, location_latitude, location_longitude, notification, social_instagram, social_facebook,"
    " social_twitter, social_spotify, is_staff, is_active, is_superuser,"
    " to_char(date_joined AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS date_joined,"
    " to_char(last_login AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS last_login";

// The profile as the columns a write sets: the inserts and updates name
// their columns from this list.
store::ColumnValues profile_columns(const Profile& p) {
  return {
      {"username", p.username},
      {"email", p.email},
      {"first_name", p.first_name},
      {"last_name", p.last_name},
      {"info_about", p.info_about},
      {"info_birthday", platform::format_iso_date(p.info_birthday)},
      {"info_gender", p.info_gender},
      {"location_city", p.location_city},
      {"location_latitude", number_text(p.location_latitude)},
      {"location_longitude", number_text(p.location_longitude)},
      {"notification", p.notification},
      {"social_instagram", p.social_instagram},
      {"social_facebook", p.social_facebook},
      {"social_twitter", p.social_twitter},
      {"social_spotify", p.social_spotify},
  };
}

Profile profile_of(const pqxx::row& row) {
  Profile p;
  p.username = row["username"].as<std::string>();
  p.email = row["email"].as<std::string>();
  p.first_name = row["first_name"].as<std::string>();
  p.last_name = row["last_name"].as<std::string>();
  p.info_about = row["info_about"].as<std::string>();
  p.info_birthday = date_of(row["info_birthday"]);
  p.info_gender = row["info_gender"].as<int>();
  p.location_city = row["location_city"].as<std::string>();
  p.location_latitude = optional_number(row["location_latitude"]);
  p.location_longitude = optional_number(row["location_longitude"]);
  p.notification = row["notification"].as<bool>();
  p.social_instagram = optional_text(row["social_instagram"]);
  p.social_facebook = optional_text(row["social_facebook"]);
  p.social_twitter = optional_text(row["social_twitter"]);
  p.social_spotify = optional_text(row["social_spotify"]);
  return p;
}

Account account_of(const pqxx::row& row) {
  Account account;
  account.id = row["id"].as<long long>();
  account.profile = profile_of(row);
  account.is_staff = row["is_staff"].as<bool>();
  account.is_active = row["is_active"].as<bool>();
  account.date_joined = row["date_joined"].as<std::string>();
  account.is_superuser = row["is_superuser"].as<bool>();
  account.last_login = optional_text(row["last_login"]);
  return account;
}

constexpr const char* kPrincipalColumns = "id, is_staff, is_active, token_version";

Principal principal_of(const pqxx::row& row) {
  return Principal{row["id"].as<long long>(), row["is_staff"].as<bool>(), row["is_active"].as<bool>(),
                   row["token_version"].as<long long>()};
}

}  // namespace

std::vector<store::Statement> account_statements() {
  const store::ColumnValues profile = profile_columns({});
  const std::string account = std::string("SELECT ") + kAccountColumns + " FROM hotsox_users";
  const std::string principal = std::string("SELECT ") + kPrincipalColumns;
  return {
      {kAccountFind, account + " WHERE id = $1"},
      {kPrincipal, principal + " FROM hotsox_users WHERE id = $1"},
      {kCredentials, principal + ", password_hash FROM hotsox_users WHERE username = $1"},
      {kClashes,
       "SELECT coalesce(bool_or(username = $1), false), coalesce(bool_or(lower(email) = lower($2)), false)"
       // A NULL name is not checked: its comparisons are NULL, which bool_or skips.
       " FROM hotsox_users WHERE (username = $1 OR lower(email) = lower($2)) AND id IS DISTINCT FROM $3"},
      {kAccountInsert, "INSERT INTO hotsox_users (password_hash, is_staff, is_superuser, " +
                           store::column_names(profile) + ") VALUES ($1, $2, $2, " + store::placeholders(profile, 3) +
                           ") RETURNING id"},
      {kAuthTokenMake,
       "INSERT INTO hotsox_auth_tokens (key, user_id) VALUES ($2, $1) ON CONFLICT (user_id) DO NOTHING"},
      {kAuthTokenKey, "SELECT key FROM hotsox_auth_tokens WHERE user_id = $1"},
      {kAuthTokenPrincipal,
       "SELECT u.id, u.is_staff, u.is_active, u.token_version FROM hotsox_auth_tokens t"
       " JOIN hotsox_users u ON u.id = t.user_id WHERE t.key = $1"},
      {kAccountUpdate, "UPDATE hotsox_users SET (" + store::column_names(profile) + ") = ROW(" +
                           store::placeholders(profile, 2) + ") WHERE id = $1 RETURNING id"},
      {kAccountLock, "SELECT email, notification FROM hotsox_users WHERE id = $1 FOR UPDATE"},
      {kAccountFiles, "SELECT file_name FROM hotsox_pictures WHERE owner_id = $1"},
      {kAccountDelete, "DELETE FROM hotsox_users WHERE id = $1"},
      {kAccountCount, "SELECT count(*) FROM hotsox_users"},
      {kAccountList, account + " ORDER BY id DESC LIMIT $1 OFFSET $2"},
  };
}

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
    return principal_of(rows[0]);
  });
}

std::optional<Credentials> AccountStore::credentials(const std::string& username) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<Credentials> {
    const auto rows = tx.exec_prepared(kCredentials, username);
    if (rows.empty()) return std::nullopt;
    return Credentials{principal_of(rows[0]), rows[0]["password_hash"].as<std::string>()};
  });
}

Clash AccountStore::clashes(const std::optional<std::string>& username, const std::optional<std::string>& email,
                            std::optional<long long> edited_id) {
  if (!username && !email) return Clash{};
  return db_.read([&](pqxx::nontransaction& tx) {
    const auto rows = tx.exec_prepared(kClashes, username, email, edited_id);
    return Clash{rows[0][0].as<bool>(), rows[0][1].as<bool>()};
  });
}

std::optional<long long> AccountStore::insert(const Profile& profile, const std::string& password_hash, bool is_admin) {
  const store::ColumnValues values = profile_columns(profile);
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<long long> {
      return tx
          .exec_prepared(kAccountInsert, password_hash, is_admin,
                         pqxx::prepare::make_dynamic_params(store::parameters(values)))[0][0]
          .as<long long>();
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
    return principal_of(rows[0]);
  });
}

AccountStore::Update AccountStore::update(long long id, const Profile& profile) {
  const store::ColumnValues values = profile_columns(profile);
  try {
    return db_.write([&](pqxx::work& tx) {
      const auto rows =
          tx.exec_prepared(kAccountUpdate, id, pqxx::prepare::make_dynamic_params(store::parameters(values)));
      return rows.empty() ? Update::kAccountGone : Update::kDone;
    });
  } catch (const pqxx::unique_violation&) {
    return Update::kUsernameOrEmailTaken;
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
    for (const auto& file : files) enqueue_file_removal(tx, file);
    if (account[0]["notification"].as<bool>()) {
      enqueue_email(tx, account[0]["email"].as<std::string>(), kDeletionSubject, kDeletionBody);
    }
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
  ids.reserve(accounts.size());
  for (const Account& account : accounts) ids.push_back(account.id);
  auto pictures = PictureStore(db_).profile_pictures(ids);
  auto socks = SockStore(db_).socks_of(ids);
  for (Account& account : accounts) {
    account.pictures = std::move(pictures[account.id]);
    account.socks = std::move(socks[account.id]);
  }
}

}  // namespace hotsox
