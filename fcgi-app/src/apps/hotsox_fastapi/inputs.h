// The FastAPI surface's request models: CreateUser, EditUser and
// CreateUpdateSock as pydantic reads them, with our limits where the
// original left them to the database (a 500 there, a 422 here). Pure.
#pragma once

#include "apps/hotsox/account_input.h"
#include "apps/hotsox/field_limits.h"
#include "apps/hotsox/sock_input.h"
#include "apps/hotsox_fastapi/validation.h"

#include <optional>
#include <string>

namespace hotsox_fastapi {

inline constexpr const char* kTooYoung = "You must be at least 18 years old!";
// The columns' widths (040_hotsox_accounts.sql).
inline constexpr std::size_t kMaxNameLength = 150;
inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMaxCityLength = 255;
inline constexpr std::size_t kMaxSocialLength = hotsox::kMaxUrlLength;
inline constexpr std::size_t kMaxSockNameLength = 255;

enum class UserModel {
  kCreate,  // CreateUser: defaults for what is omitted, some fields required
  kEdit,    // EditUser: only the fields sent change
};

struct UserInput {
  hotsox::Profile profile;
  std::optional<std::string> password;  // CreateUser only
};

// Reads `body` onto `current` (an edit) or onto CreateUser's defaults (a
// create), recording pydantic's problems. Unknown keys are ignored.
UserInput read_user_input(const Json::Value& body, UserModel model, const hotsox::Profile& current,
                          const platform::Date& today, Problems& problems);

// CreateUser's defaults: gender 1, notification on, the four socials' home pages, coordinates 0.
hotsox::Profile new_user_defaults();

// CreateUpdateSock: a full replacement, omitted choices 1, info_about "",
// info_separation_date today; the rest required.
hotsox::SockFields read_sock_input(const Json::Value& body, const platform::Date& today, Problems& problems);

}  // namespace hotsox_fastapi
