#include "apps/hotsox/routes.h"

#include "apps/hotsox/drf_errors.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/policy.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/store.h"

namespace hotsox {

// DRF's surface under /api/v1/, trailing slashes as the original has them,
// each route with its view's policy (policy.h) and Django's <int:...> path
// converters as {name:int}. Errors are DRF's: {"detail": "..."} or
// {"field": ["message"]}.
platform::App app() {
  constexpr Policy kPublic = Policy::kPublic;
  constexpr Policy kAnyone = Policy::kAnyone;
  constexpr Policy kUser = Policy::kUser;
  constexpr Policy kStaff = Policy::kStaff;
  return {.name = "hotsox",
          .format_error = drf_error,
          .routes =
              {
                  route("POST", "/api/v1/token/", kPublic, obtain_tokens),
                  route("POST", "/api/v1/token/refresh/", kPublic, refresh_token),
                  route("POST", "/api/v1/django-token/", kPublic, obtain_auth_token),
                  route("GET", "/api/v1/users/", kStaff, list_users),
                  route("POST", "/api/v1/user/", kAnyone, register_user),
                  route("GET", "/api/v1/user/", kUser, get_self),
                  route("PUT", "/api/v1/user/", kUser, update_self),
                  route("DELETE", "/api/v1/user/", kUser, delete_self),
                  route("GET", "/api/v1/user/socks/", kUser, list_socks),
                  route("POST", "/api/v1/user/sock/", kUser, create_sock),
                  route("GET", "/api/v1/user/sock/{id:int}/", kUser, get_sock),
                  route("PUT", "/api/v1/user/sock/{id:int}/", kUser, update_sock),
                  route("DELETE", "/api/v1/user/sock/{id:int}/", kUser, delete_sock),
                  route("POST", "/api/v1/user/profilepic", kUser, add_profile_picture, kMaxUploadBodyBytes),
                  route("DELETE", "/api/v1/user/profilepic/{id:int}", kUser, delete_profile_picture),
                  route("POST", "/api/v1/user/sock/{id:int}/profilepic/", kUser, add_sock_picture, kMaxUploadBodyBytes),
                  route("DELETE", "/api/v1/user/sock/{id:int}/profilepic/{pic:int}", kUser, delete_sock_picture),
                  route("GET", "/api/v1/user/swipe/{sock_id:int}/next", kUser, next_sock),
                  route("POST", "/api/v1/user/swipe/{sock_id:int}/judge/{other_sock_id:int}", kUser, judge_sock),
                  route("GET", "/api/v1/user/matches/", kUser, list_matches),
                  route("GET", "/api/v1/user/matches/{id:int}", kUser, get_match),
                  route("DELETE", "/api/v1/user/matches/{id:int}/delete", kUser, unmatch),
                  route("GET", "/api/v1/user/mail/", kUser, list_mail),
                  route("POST", "/api/v1/user/mail/", kUser, send_mail),
                  route("DELETE", "/api/v1/user/mail/{id:int}/", kUser, delete_mail),
                  route("GET", "/api/v1/user/chats/", kUser, list_sent_chats),
                  route("GET", "/api/v1/user/chat/{username}/", kUser, get_chat),
                  route("POST", "/api/v1/user/chat/{username}/", kUser, send_chat),
              },
          .path_prefix = "/api/v1/",
          // Django's APPEND_SLASH; a POST, PUT or PATCH would lose its body.
          .slash_redirect = {.status = 301, .add_only = true, .methods = {"GET", "HEAD", "DELETE"}},
          // DRF authenticates and checks permissions before it looks for the method.
          .check_access_before_405 = true};
}

}  // namespace hotsox
