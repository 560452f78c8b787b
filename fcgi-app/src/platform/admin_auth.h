// The admin API's bearer token (ADMIN_TOKEN).
#pragma once

#include "platform/config.h"
#include "platform/http.h"

#include <optional>
#include <string_view>

namespace platform {

// The token of an "Authorization: Bearer <token>" header, if there is one.
std::optional<std::string_view> bearer_token(const Request& request);

// Throws HttpError 401 without a bearer token and 403 with a wrong one.
// Compared in constant time; with no ADMIN_TOKEN configured every token is wrong.
void require_admin(const Request& request, const Config& config);

}  // namespace platform
