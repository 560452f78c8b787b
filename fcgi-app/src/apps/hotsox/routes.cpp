#include "apps/hotsox/routes.h"

#include "apps/hotsox/auth.h"
#include "apps/hotsox/drf_errors.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/store.h"

namespace hotsox {

namespace {

// DRF's order for a wrong method: authentication, then permission, then 405.
// The token views let anyone in; users/ wants staff; every other view a user.
void authorize_before_405(const platform::Request& request, server::Context& context) {
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (path.starts_with("/api/v1/token/") || path.starts_with("/api/v1/django-token/")) return;
  if (path == "/api/v1/users/") {
    require_staff(request, context);
    return;
  }
  require_user(request, context);
}

}  // namespace

// DRF's surface under /api/v1/, trailing slashes as the original has them.
// Errors are DRF's: {"detail": "..."} or {"field": ["message"]}.
platform::App app() {
  return {.name = "hotsox",
          .format_error = drf_error,
          .routes =
              {
                  {"POST", "/api/v1/token/", obtain_tokens},
                  {"POST", "/api/v1/token/refresh/", refresh_token},
                  {"POST", "/api/v1/django-token/", obtain_auth_token},
                  {"GET", "/api/v1/users/", list_users},
                  {"POST", "/api/v1/user/", register_user},
                  {"GET", "/api/v1/user/", get_self},
                  {"PUT", "/api/v1/user/", update_self},
                  {"DELETE", "/api/v1/user/", delete_self},
                  {"GET", "/api/v1/user/socks/", list_socks},
                  {"POST", "/api/v1/user/sock/", create_sock},
                  {"GET", "/api/v1/user/sock/{id}/", get_sock},
                  {"PUT", "/api/v1/user/sock/{id}/", update_sock},
                  {"DELETE", "/api/v1/user/sock/{id}/", delete_sock},
                  {"POST", "/api/v1/user/profilepic", add_profile_picture, kMaxUploadBodyBytes},
                  {"DELETE", "/api/v1/user/profilepic/{id}", delete_profile_picture},
                  {"POST", "/api/v1/user/sock/{id}/profilepic/", add_sock_picture, kMaxUploadBodyBytes},
                  {"DELETE", "/api/v1/user/sock/{id}/profilepic/{pic}", delete_sock_picture},
                  {"GET", "/api/v1/user/swipe/{sock_id}/next", next_sock},
                  {"POST", "/api/v1/user/swipe/{sock_id}/judge/{other_sock_id}", judge_sock},
                  {"GET", "/api/v1/user/matches/", list_matches},
                  {"GET", "/api/v1/user/matches/{id}", get_match},
                  {"DELETE", "/api/v1/user/matches/{id}/delete", unmatch},
                  {"GET", "/api/v1/user/mail/", list_mail},
                  {"POST", "/api/v1/user/mail/", send_mail},
                  {"DELETE", "/api/v1/user/mail/{id}/", delete_mail},
                  {"GET", "/api/v1/user/chats/", list_sent_chats},
                  {"GET", "/api/v1/user/chat/{username}/", get_chat},
                  {"POST", "/api/v1/user/chat/{username}/", send_chat},
              },
          .path_prefix = "/api/v1/",
          // Django's APPEND_SLASH; a POST, PUT or PATCH would lose its body.
          .slash_redirect = {.status = 301, .add_only = true, .methods = {"GET", "HEAD", "DELETE"}},
          .before_method_not_allowed = authorize_before_405};
}

}  // namespace hotsox
