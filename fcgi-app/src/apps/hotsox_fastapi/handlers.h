// The FastAPI surface's handlers, one per route of SPEC-hotsox.md § 2.2.
// Each reads its input (problems become the 422), admits the request (rate
// limit), then does its work through the shared HotSox stores.
#pragma once

#include "apps/hotsox/store.h"
#include "apps/hotsox_fastapi/endpoint.h"

#include <string>

namespace hotsox_fastapi {

using platform::Response;

// Accounts and tokens (handlers_users.cpp).
platform::Task<Response> login(Call& call);
Response list_users(Call& call);
Response get_self(Call& call);
platform::Task<Response> register_user(Call& call);
Response update_self(Call& call);
Response delete_self(Call& call);
platform::Task<Response> add_profile_picture(Call& call);
Response delete_profile_picture(Call& call);

// Socks, their pictures and swiping (handlers_socks.cpp).
Response list_socks(Call& call);
Response get_sock(Call& call);
Response create_sock(Call& call);
Response update_sock(Call& call);
Response delete_sock(Call& call);
platform::Task<Response> add_sock_picture(Call& call);
Response delete_sock_picture(Call& call);
Response next_sock(Call& call);
Response judge_sock(Call& call);

// Matches, mail and chat (handlers_social.cpp).
Response list_matches(Call& call);
Response get_match(Call& call);
Response unmatch(Call& call);
Response list_mail(Call& call);
Response send_mail(Call& call);
Response delete_mail(Call& call);
Response list_chats(Call& call);
Response get_chat(Call& call);
Response send_chat(Call& call);

// The caller's account id. The original's texts for a token whose user is
// gone differ by route (SPEC-hotsox.md § 2.1 "deleted user").
enum class MissingUserText {
  kPlain,         // User with the username {u} is not available
  kBracketsBang,  // User with the username <{u}> is not available!
  kBrackets,      // User with the username <{u}> is not available
};
long long my_id(Call& call, MissingUserText text);
// The 404 of my_id, for an account that went away during the request.
[[noreturn]] void user_missing(Call& call, MissingUserText text);

std::string bracketed(const std::string& text);  // "<text>"

// A picture in the multipart field `file` (422 when there is none), checked
// and stored after admission by store_upload.
struct Upload {
  std::string_view content;
  std::string filename;
};
std::optional<Upload> read_upload(Call& call);
// Writes the file, records the picture (nullopt: the owner or sock went
// away meanwhile, the file removed again); 400 when it is not an image.
platform::Task<std::optional<hotsox::Picture>> store_upload(Call& call, Upload upload, long long owner_id,
                                                            std::optional<long long> sock_id);

}  // namespace hotsox_fastapi
