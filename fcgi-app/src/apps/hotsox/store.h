// HotSox's SQL: accounts (account_store.cpp), socks (sock_store.cpp) and
// pictures (picture_store.cpp) behind named prepared statements.
#pragma once

#include "apps/hotsox/account_input.h"
#include "apps/hotsox/sock_input.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotsox {

std::vector<store::Statement> statements();

inline constexpr const char* kDeletionSubject = "HotSox Account Deletion";
inline constexpr const char* kDeletionBody = "Your HotSox account has been deleted. We are very sorry to see you go :(";

struct Picture {
  long long id = 0;
  std::string file_name;  // in MEDIA_DIR
};

// A judgement made by a sock (the original's SockLike): exactly one of the
// like and the dislike names the other sock.
struct SockLike {
  long long id = 0;
  long long other_sock_id = 0;
  bool liked = false;
};

struct Sock {
  long long id = 0;
  long long owner_id = 0;
  platform::Date info_joining_date;
  SockFields fields;
  std::vector<Picture> pictures;
  std::vector<SockLike> likes;  // ascending id
};

struct Account {
  long long id = 0;
  Profile profile;
  bool is_staff = false;
  bool is_superuser = false;
  bool is_active = true;
  std::optional<std::string> last_login;  // ISO 8601, UTC
  std::string date_joined;                // ISO 8601, UTC
  std::vector<Picture> pictures;
  std::vector<Sock> socks;
};

// What authenticating a token needs to know, read by primary key.
struct Principal {
  long long id = 0;
  bool is_staff = false;
  bool is_active = false;
  long long token_version = 0;
};

struct Credentials {
  Principal principal;
  std::string password_hash;
};

struct Clash {
  bool username = false;
  bool email = false;
};

class AccountStore {
 public:
  explicit AccountStore(store::Database& db) : db_(db) {}

  // With its pictures and socks.
  std::optional<Account> find(long long id);
  std::optional<Principal> principal(long long id);
  std::optional<Credentials> credentials(const std::string& username);
  // Which of the given username and email another account already has; one
  // not given is not checked. An edited account does not clash with itself.
  Clash clashes(const std::optional<std::string>& username, const std::optional<std::string>& email,
                std::optional<long long> edited_id);
  // nullopt when the username or email was taken meanwhile. An admin is
  // staff and superuser.
  std::optional<long long> insert(const Profile& profile, const std::string& password_hash, bool is_admin);
  // The user's DRF authtoken key, made on first use: the same every time.
  std::string auth_token_key(long long user_id, const std::string& new_key);
  // The user a DRF authtoken key belongs to.
  std::optional<Principal> principal_of_auth_token(const std::string& key);
  // The profile's columns; the password is never changed here.
  enum class Update { kDone, kAccountGone, kUsernameOrEmailTaken };
  Update update(long long id, const Profile& profile);
  // With its socks and pictures; their files and the deletion email (when
  // the user wants mail) become jobs of the same transaction. false when
  // there was no account.
  bool remove(long long id);
  long long count();
  // Newest first, each with its pictures and socks.
  std::vector<Account> list(long long limit, long long offset);

 private:
  void attach_pictures_and_socks(std::vector<Account>& accounts);
  store::Database& db_;
};

class SockStore {
 public:
  explicit SockStore(store::Database& db) : db_(db) {}

  // Only the owner's; with its pictures.
  std::optional<Sock> find(long long owner_id, long long sock_id);
  long long count(long long owner_id);
  // Newest first.
  std::vector<Sock> list(long long owner_id, long long limit, long long offset);
  // The judgements each sock made, ascending id.
  std::map<long long, std::vector<SockLike>> likes_of(const std::vector<long long>& sock_ids);
  // Any user's sock, with its pictures: what another user is shown of it.
  std::optional<Sock> find_any(long long sock_id);
  // Every sock of these owners, newest first, with pictures.
  std::map<long long, std::vector<Sock>> socks_of(const std::vector<long long>& owner_ids);
  // nullopt when the owner no longer exists.
  std::optional<long long> insert(long long owner_id, const SockFields& fields);
  bool update(long long owner_id, long long sock_id, const SockFields& fields);
  // With its pictures, whose files are removed by a job. false when the
  // owner has no such sock.
  bool remove(long long owner_id, long long sock_id);

 private:
  void attach_pictures_and_likes(Sock& sock);
  void attach_pictures_and_likes(std::vector<Sock>& socks);
  store::Database& db_;
};

// A sock of the owner's with its pictures, as another user is shown it (no
// likes), in one read on a pipelined connection: nullopt when it is gone.
platform::Task<std::optional<Sock>> read_shown_sock(store::PipelinedDatabase& db, long long owner_id,
                                                    long long sock_id);

class PictureStore {
 public:
  explicit PictureStore(store::Database& db) : db_(db) {}

  // A user's picture (no sock) or a sock's. nullopt when the user, or the
  // user's sock, no longer exists.
  std::optional<Picture> insert(long long owner_id, std::optional<long long> sock_id, const std::string& file_name,
                                long long size_bytes);
  // Its file is removed by a job. false when the owner has no such picture
  // (for sock_id: on that sock; without: a profile picture).
  bool remove(long long owner_id, std::optional<long long> sock_id, long long picture_id);
  std::map<long long, std::vector<Picture>> profile_pictures(const std::vector<long long>& owner_ids);
  std::map<long long, std::vector<Picture>> sock_pictures(const std::vector<long long>& sock_ids);

 private:
  store::Database& db_;
};

}  // namespace hotsox
