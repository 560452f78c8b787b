#include "apps/hotsox/auth.h"
#include "apps/hotsox/field_limits.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/password.h"
#include "apps/hotsox/pool_work.h"
#include "apps/hotsox/representation.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/swipe_store.h"

namespace hotsox {

namespace {

using platform::HttpError;
using platform::Response;

// Adds DRF's uniqueness errors for a username or email that is present (an
// account made without an email has a blank one), valid so far, and already
// another account's. `edited_id` is the account an update edits.
void check_unique(AccountStore& accounts, const Json::Value& body, const Profile& profile,
                  std::optional<long long> edited_id, FieldErrors& errors) {
  const bool creating = !edited_id;
  std::optional<std::string> username;
  std::optional<std::string> email;
  if (body.isMember("username") && errors.count("username") == 0) username = profile.username;
  if ((creating || body.isMember("email")) && errors.count("email") == 0) email = profile.email;
  const Clash clash = accounts.clashes(username, email, edited_id);
  if (clash.username) errors["username"].push_back(kUsernameTaken);
  if (clash.email) errors["email"].push_back(kEmailTaken);
}

HttpError invalid(const FieldErrors& errors) { return HttpError::with_body(400, field_errors_json(errors)); }

Account account_or_unauthorized(AccountStore& accounts, long long id) {
  auto account = accounts.find(id);
  if (!account) throw detail_error(401, "User not found", "user_not_found");
  return std::move(*account);
}

// The DRF User of each account, with its matches, mails and chats.
Json::Value users_json(server::Context& context, const std::vector<Account>& accounts) {
  std::vector<long long> ids;
  ids.reserve(accounts.size());
  for (const Account& account : accounts) ids.push_back(account.id);
  auto activity = SwipeStore(context.db).activity(ids);
  Json::Value list(Json::arrayValue);
  for (const Account& account : accounts) list.append(account_json(account, activity[account.id]));
  return list;
}

Json::Value user_json(server::Context& context, const Account& account) { return users_json(context, {account})[0]; }

// Both logins' attempt limit and password check: the principal of valid
// credentials of an active account, nullopt otherwise.
platform::Task<std::optional<Principal>> check_login(const platform::Request& request, server::Context& context,
                                                     const std::string& username, const std::string& password) {
  LoginLimiter limiter(context, request.remote_addr, username);
  limiter.take();
  const auto credentials = AccountStore(context.db).credentials(username);
  bool valid = false;
  if (credentials) {
    const bool matches = co_await verify_on_pool(context, credentials->password_hash, password);
    valid = matches && credentials->principal.is_active;
  } else {
    co_await verify_nobody_on_pool(context, password);
  }
  if (!valid) {
    limiter.failed();
    co_return std::nullopt;
  }
  limiter.succeeded();
  co_return credentials->principal;
}

}  // namespace

platform::Task<Response> register_user(const platform::Request& request, server::Context& context) {
  const Json::Value body = read_body(request);
  FieldErrors errors;
  ProfileInput input = read_profile_input(body, InputMode::kCreate, Profile{}, context.config.today(), errors);
  AccountStore accounts(context.db);
  check_unique(accounts, body, input.profile, std::nullopt, errors);
  if (!errors.empty()) throw invalid(errors);
  take_registration_slot(context, request.remote_addr);
  const std::string password_hash = co_await hash_on_pool(context, *input.password);
  const auto id = accounts.insert(input.profile, password_hash, /*is_admin=*/false);
  if (!id) {  // taken between the check and the insert
    check_unique(accounts, body, input.profile, std::nullopt, errors);
    throw invalid(errors);
  }
  co_return Response::json(201, user_json(context, account_or_unauthorized(accounts, *id)));
}

Response get_self(const platform::Request&, server::Context& context, Principal me) {
  AccountStore accounts(context.db);
  return Response::json(200, user_json(context, account_or_unauthorized(accounts, me.id)));
}

platform::Task<Response> update_self(const platform::Request& request, server::Context& context, Principal me) {
  const Json::Value body = read_body(request);
  AccountStore accounts(context.db);
  const Account current = account_or_unauthorized(accounts, me.id);
  FieldErrors errors;
  ProfileInput input = read_profile_input(body, InputMode::kUpdate, current.profile, context.config.today(), errors);
  check_unique(accounts, body, input.profile, me.id, errors);
  if (!errors.empty()) throw invalid(errors);
  const auto updated = accounts.update(me.id, input.profile);
  if (updated == AccountStore::Update::kUsernameOrEmailTaken) {
    check_unique(accounts, body, input.profile, me.id, errors);
    throw invalid(errors);
  }
  if (updated == AccountStore::Update::kAccountGone) throw detail_error(401, "User not found", "user_not_found");
  co_return Response::json(202, user_json(context, account_or_unauthorized(accounts, me.id)));
}

Response delete_self(const platform::Request&, server::Context& context, Principal me) {
  if (!AccountStore(context.db).remove(me.id)) throw detail_error(401, "User not found", "user_not_found");
  return Response::no_content();
}

Response list_users(const platform::Request& request, server::Context& context) {
  AccountStore accounts(context.db);
  const long long count = accounts.count();
  const PageWindow window = page_window(request.query, count);
  Json::Value results = users_json(context, accounts.list(kPageSize, window.offset));
  return Response::json(200, page_json(absolute_url(request), window, count, std::move(results)));
}

platform::Task<Response> obtain_tokens(const platform::Request& request, server::Context& context) {
  const Json::Value body = read_body(request);
  FieldReader reader(body);
  const auto username =
      reader.text("username", {.required = true, .allow_blank = false, .max_length = kMaxUsernameLength});
  const auto password = reader.text("password", {.required = true, .allow_blank = false, .trim = false});
  if (!reader.errors().empty()) throw invalid(reader.errors());

  const auto principal = co_await check_login(request, context, *username, *password);
  if (!principal) {
    throw detail_error(401, "No active account found with the given credentials")
        .with_header("WWW-Authenticate", "Bearer realm=\"api\"");
  }
  const TokenPair tokens = issue_tokens(*principal, context.state<Settings>());
  Json::Value answer(Json::objectValue);
  answer["refresh"] = tokens.refresh;
  answer["access"] = tokens.access;
  co_return Response::json(200, answer);
}

Response refresh_token(const platform::Request& request, server::Context& context) {
  const Json::Value body = read_body(request);
  FieldReader reader(body);
  const auto refresh = reader.text("refresh", {.required = true, .allow_blank = false, .trim = false});
  if (!reader.errors().empty()) throw invalid(reader.errors());
  const auto principal = principal_of_refresh_token(*refresh, context);
  if (!principal) {
    throw detail_error(401, is_access_token(*refresh, context) ? "Token has wrong type" : "Token is invalid or expired",
                       "token_not_valid");
  }
  Json::Value answer(Json::objectValue);
  answer["access"] = issue_access_token(*principal, context.state<Settings>());
  return Response::json(200, answer);
}

platform::Task<Response> obtain_auth_token(const platform::Request& request, server::Context& context) {
  const Json::Value body = read_body(request);
  FieldReader reader(body);
  const auto username =
      reader.text("username", {.required = true, .allow_blank = false, .max_length = kMaxUsernameLength});
  const auto password = reader.text("password", {.required = true, .allow_blank = false, .trim = false});
  if (!reader.errors().empty()) throw invalid(reader.errors());
  const auto principal = co_await check_login(request, context, *username, *password);
  if (!principal) {
    FieldErrors errors;
    errors["non_field_errors"].push_back("Unable to log in with provided credentials.");
    throw invalid(errors);
  }
  Json::Value answer(Json::objectValue);
  answer["token"] = AccountStore(context.db).auth_token_key(principal->id, new_auth_token_key());
  co_return Response::json(200, answer);
}

}  // namespace hotsox
