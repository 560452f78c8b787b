#include "apps/hotsox_fastapi/routes.h"

#include "apps/hotsox/request_input.h"
#include "apps/hotsox_fastapi/handlers.h"
#include "apps/hotsox_fastapi/store.h"

namespace hotsox_fastapi {

// HotSox's second surface, the original's FastAPI app under /fastapi/v1/:
// its paths (trailing slashes as it had them, path ids typed as its
// functions' int parameters), auth policy and rate limit per route
// (SPEC-hotsox.md § 2.2), errors as FastAPI shapes them.
platform::App app() {
  constexpr Access open = Access::kOpen;
  constexpr Access token = Access::kToken;
  constexpr Access active = Access::kActive;
  constexpr Access superuser = Access::kSuperuser;
  constexpr std::size_t upload = hotsox::kMaxUploadBodyBytes;
  return {
      .name = "hotsox_fastapi",
      .format_error = fastapi_error,
      .routes =
          {
              route("POST", "/fastapi/v1/token", {open, 5}, login),
              route("GET", "/fastapi/v1/users/", {superuser, 10}, list_users),
              route("GET", "/fastapi/v1/user/", {active, 20}, get_self),
              route("POST", "/fastapi/v1/user/", {open, 0}, register_user),
              route("PUT", "/fastapi/v1/user/", {active, 10}, update_self),
              route("DELETE", "/fastapi/v1/user/", {superuser, 10}, delete_self),
              route("POST", "/fastapi/v1/user/profilepic", {active, 20}, add_profile_picture, upload),
              route("DELETE", "/fastapi/v1/user/profilepic/{id:int}", {active, 20}, delete_profile_picture),
              route("GET", "/fastapi/v1/user/mail", {active, 30}, list_mail),
              route("POST", "/fastapi/v1/user/mail", {active, 20}, send_mail),
              route("DELETE", "/fastapi/v1/user/mail/{id:int}", {active, 20}, delete_mail),
              route("GET", "/fastapi/v1/user/chats", {active, 10}, list_chats),
              route("GET", "/fastapi/v1/user/chat/{receiver}", {active, 30}, get_chat),
              route("POST", "/fastapi/v1/user/chat/{receiver}", {active, 30}, send_chat),
              route("GET", "/fastapi/v1/user/socks/", {active, 20}, list_socks),
              route("GET", "/fastapi/v1/user/sock/{id:int}", {active, 30}, get_sock),
              route("POST", "/fastapi/v1/user/sock/", {token, 20}, create_sock),
              route("PUT", "/fastapi/v1/user/sock/{id:int}", {active, 20}, update_sock),
              route("DELETE", "/fastapi/v1/user/sock/{id:int}", {active, 20}, delete_sock),
              route("POST", "/fastapi/v1/user/sock/{sock_id:int}/profilepic", {active, 20}, add_sock_picture, upload),
              route("DELETE", "/fastapi/v1/user/sock/{sock_id:int}/profilepic/{pic_id:int}", {active, 20},
                    delete_sock_picture),
              route("GET", "/fastapi/v1/user/swipe/{user_sock_id:int}/next", {active, 30}, next_sock),
              route("POST", "/fastapi/v1/user/swipe/{user_sock_id:int}/judge/{other_sock_id:int}", {active, 20},
                    judge_sock),
              route("GET", "/fastapi/v1/user/matches/", {active, 20}, list_matches),
              route("GET", "/fastapi/v1/user/match/{id:int}", {active, 20}, get_match),
              route("DELETE", "/fastapi/v1/user/match/{id:int}", {active, 20}, unmatch),
          },
      .path_prefix = "/fastapi/v1/",
      // Starlette's redirect_slashes: both ways, method and body kept.
      .slash_redirect = {.status = 307, .absolute_location = true}};
}

}  // namespace hotsox_fastapi
