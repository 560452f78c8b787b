#include "apps/hotsox/routes.h"

#include "apps/hotsox/handlers.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/store.h"

namespace hotsox {

// DRF's surface under /api/v1/, trailing slashes as the original has them.
// Errors are DRF's: {"detail": "..."} or {"field": ["message"]}.
platform::App app() {
  return {"hotsox",
          platform::ErrorShape::kErrorAndMessage,
          {
              {"POST", "/api/v1/token/", obtain_tokens},
              {"POST", "/api/v1/token/refresh/", refresh_token},
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
          }};
}

}  // namespace hotsox
