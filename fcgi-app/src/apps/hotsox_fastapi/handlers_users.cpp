#include "apps/hotsox/auth.h"
#include "apps/hotsox/image_check.h"
#include "apps/hotsox/image_type.h"
#include "apps/hotsox/media.h"
#include "apps/hotsox/password.h"
#include "apps/hotsox/pool_work.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/settings.h"
#include "apps/hotsox/swipe_store.h"
#include "apps/hotsox_fastapi/handlers.h"
#include "apps/hotsox_fastapi/inputs.h"
#include "apps/hotsox_fastapi/models.h"
#include "platform/multipart.h"

#include <stdexcept>

namespace hotsox_fastapi {

namespace {

using hotsox::AccountStore;

constexpr const char* kNotAnImage =
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

// ShowUser of an account, with what only FastAPI shows of it.
Json::Value show_user(Call& call, const hotsox::Account& account) {
  FastapiStore store(call.context.db);
  UserRelations relations;
  relations.user_matches = store.initiated_matches(account.id);
  relations.mail = store.all_mails(account.id);
  relations.chat = store.chats_sent(account.id);
  std::vector<long long> sock_ids;
  for (const auto& sock : account.socks) sock_ids.push_back(sock.id);
  relations.sock_likes = store.sock_likes(sock_ids);
  return show_user_json(account, relations);
}

// #4's refusals, in its order; #5 answers the same where the original failed.
void refuse_taken(AccountStore& accounts, const hotsox::Profile& profile, bool username, bool email,
                  std::optional<long long> edited_id) {
  std::optional<std::string> checked_username;
  std::optional<std::string> checked_email;
  if (username) checked_username = profile.username;
  if (email) checked_email = profile.email;
  const hotsox::Clash clash = accounts.clashes(checked_username, checked_email, edited_id);
  if (clash.username) throw detail(400, "User already exists! " + bracketed(profile.username));
  if (clash.email) throw detail(400, "eMail address already exists! " + bracketed(profile.email));
}

// OAuth2PasswordRequestForm: only a form is read; anything else has no fields.
Json::Value form_fields(const platform::Request& request) {
  const std::string type = request.media_type();
  if (type == "application/x-www-form-urlencoded" || type == "multipart/form-data") return hotsox::read_body(request);
  return Json::Value(Json::objectValue);
}

}  // namespace

std::string bracketed(const std::string& text) { return "<" + text + ">"; }

long long my_id(Call& call, MissingUserText text) {
  const std::string& username = call.caller().sub;
  if (auto id = FastapiStore(call.context.db).user_id(username)) return *id;
  user_missing(call, text);
}

void user_missing(Call& call, MissingUserText text) {
  const std::string& username = call.caller().sub;
  switch (text) {
    case MissingUserText::kPlain: throw detail(404, "User with the username " + username + " is not available");
    case MissingUserText::kBracketsBang:
      throw detail(404, "User with the username " + bracketed(username) + " is not available!");
    case MissingUserText::kBrackets:
      throw detail(404, "User with the username " + bracketed(username) + " is not available");
  }
  throw std::logic_error("unknown missing-user text");
}

std::optional<Upload> read_upload(Call& call) {
  const auto boundary = platform::multipart_boundary(call.request.header("content-type").value_or(""));
  if (boundary) {
    const auto parts = platform::parse_multipart(call.request.body, *boundary);
    if (!parts) throw detail(400, "There was an error parsing the body");
    for (const auto& part : *parts) {
      if (part.name == "file" && part.filename) return Upload{part.data, *part.filename};
    }
  }
  call.problems.add({location("body", "file"), "field required", "value_error.missing"});
  return std::nullopt;
}

platform::Task<std::optional<hotsox::Picture>> store_upload(Call& call, Upload upload, long long owner_id,
                                                            std::optional<long long> sock_id) {
  const auto type = hotsox::sniff_image_type(upload.content);
  if (!type || upload.content.size() > hotsox::kMaxPictureBytes) throw detail(400, kNotAnImage);
  const bool whole = co_await hotsox::picture_is_whole_on_pool(call.context, upload.content, *type);
  if (!whole) throw detail(400, kNotAnImage);
  const hotsox::MediaStore media(call.context.state<hotsox::Settings>().media_dir);
  std::string file_name;
  try {
    file_name = media.save(upload.content, hotsox::image_extension(*type));
  } catch (const std::runtime_error&) {
    throw detail(404, "Upload error for file " + bracketed(upload.filename));
  }
  try {
    auto picture = hotsox::PictureStore(call.context.db)
                       .insert(owner_id, sock_id, file_name, static_cast<long long>(upload.content.size()));
    if (!picture) media.remove(file_name);
    co_return picture;
  } catch (...) {
    media.remove(file_name);
    throw;
  }
}

platform::Task<Response> login(Call& call) {
  const Json::Value form = form_fields(call.request);
  BodyReader reader(form, call.problems);
  const auto username = reader.text("username", true);
  const auto password = reader.text("password", true);
  if (const auto grant_type = reader.text("grant_type", false); grant_type && *grant_type != "password") {
    Json::Value ctx(Json::objectValue);
    ctx["pattern"] = "password";
    reader.refuse("grant_type", {"string does not match regex \"password\"", "value_error.str.regex", ctx});
  }
  call.admit();
  const auto credentials = AccountStore(call.context.db).credentials(*username);
  bool valid = false;
  if (credentials) {
    valid = co_await hotsox::verify_on_pool(call.context, credentials->password_hash, *password);
  } else {
    co_await hotsox::verify_nobody_on_pool(call.context, *password);  // as long as a real check
  }
  if (!valid) throw detail(404, "Invalid Credentials");
  const FastapiClaims claims{*username, now_seconds() + kTokenLifetimeSeconds, credentials->principal.is_staff,
                             credentials->principal.is_active};
  Json::Value answer(Json::objectValue);
  answer["access_token"] =
      encode_fastapi_token(claims, fastapi_signing_key(call.context.state<hotsox::Settings>().jwt_secret));
  answer["token_type"] = "bearer";
  co_return Response::json(200, answer);
}

Response list_users(Call& call) {
  const PageParams page = read_page_params(call.request.query, call.problems);
  call.admit();
  AccountStore accounts(call.context.db);
  const long long total = accounts.count();
  if (total == 0) throw detail(404, "No users available");
  Json::Value items(Json::arrayValue);
  for (const auto& account : accounts.list(page.size, page.offset())) items.append(show_user(call, account));
  return Response::json(200, page_json(page, total, std::move(items)));
}

Response get_self(Call& call) {
  call.admit();
  const long long me = my_id(call, MissingUserText::kPlain);
  const auto account = AccountStore(call.context.db).find(me);
  if (!account) user_missing(call, MissingUserText::kPlain);  // gone meanwhile
  return Response::json(200, show_user(call, *account));
}

platform::Task<Response> register_user(Call& call) {
  const Json::Value body = json_body(call.request, call.problems);
  UserInput input =
      read_user_input(body, UserModel::kCreate, hotsox::Profile{}, call.context.config.today(), call.problems);
  call.admit();
  AccountStore accounts(call.context.db);
  refuse_taken(accounts, input.profile, true, true, std::nullopt);
  hotsox::take_registration_slot(call.context, call.request.remote_addr);
  const std::string password_hash = co_await hotsox::hash_on_pool(call.context, *input.password);
  const auto id = accounts.insert(input.profile, password_hash, /*is_admin=*/false);
  if (!id) refuse_taken(accounts, input.profile, true, true, std::nullopt);  // taken between the check and the insert
  if (!id) throw std::runtime_error("sign-up refused by a uniqueness rule the check did not see");
  co_return Response::json(201, user_out_json(input.profile));
}

Response update_self(Call& call) {
  const Json::Value body = json_body(call.request, call.problems);
  const platform::Date today = call.context.config.today();
  read_user_input(body, UserModel::kEdit, hotsox::Profile{}, today, call.problems);
  call.admit();
  const long long me = my_id(call, MissingUserText::kPlain);
  AccountStore accounts(call.context.db);
  const auto current = accounts.find(me);
  if (!current) user_missing(call, MissingUserText::kPlain);
  Problems unused;
  const UserInput input = read_user_input(body, UserModel::kEdit, current->profile, today, unused);
  const bool username = body.isMember("username");
  const bool email = body.isMember("email");
  refuse_taken(accounts, input.profile, username, email, me);
  const auto updated = accounts.update(me, input.profile);
  if (updated == AccountStore::Update::kUsernameOrEmailTaken) {
    refuse_taken(accounts, input.profile, true, true, me);
    throw std::runtime_error("update refused by a uniqueness rule the check did not see");
  }
  if (updated == AccountStore::Update::kAccountGone) user_missing(call, MissingUserText::kPlain);
  return Response::json(202, user_out_json(input.profile));
}

Response delete_self(Call& call) {
  call.admit();
  const long long me = my_id(call, MissingUserText::kBracketsBang);
  if (!FastapiStore(call.context.db).remove_account(me)) user_missing(call, MissingUserText::kBracketsBang);
  return Response::no_content();
}

platform::Task<Response> add_profile_picture(Call& call) {
  const auto upload = read_upload(call);
  call.admit();
  const long long me = my_id(call, MissingUserText::kBrackets);
  const auto picture = co_await store_upload(call, *upload, me, std::nullopt);
  if (!picture) user_missing(call, MissingUserText::kBrackets);
  Json::Value body = picture_json(*picture);
  body["user_id"] = Json::Int64(me);
  co_return Response::json(201, body);
}

Response delete_profile_picture(Call& call) {
  call.admit();
  const long long id = call.int_param("id");
  const long long me = my_id(call, MissingUserText::kBrackets);
  const std::string& username = call.caller().sub;
  switch (FastapiStore(call.context.db).picture_owner(me, id)) {
    case Ownership::kMissing:
      throw detail(404, "This picture with id " + bracketed(std::to_string(id)) + " is not available for user " +
                            bracketed(username));
    case Ownership::kSomeoneElses:
      throw detail(404, "User with username " + bracketed(username) + " doesn't have access to this picture");
    case Ownership::kMine: break;
  }
  hotsox::PictureStore(call.context.db).remove(me, std::nullopt, id);
  return Response::no_content();
}

}  // namespace hotsox_fastapi
