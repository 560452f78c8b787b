// The most characters each HotSox text field accepts. Each is the length of
// its column (VARCHAR(n) in sql/migrations, counted in characters as the
// validators count them), or less: a longer value would pass validation and
// then fail in PostgreSQL as a 500. tests/unit/store/schema_limits_test.cpp
// compares every one with the schema.
#pragma once

#include <cstddef>

namespace hotsox {

inline constexpr std::size_t kMaxUsernameLength = 150;  // hotsox_users.username
inline constexpr std::size_t kMaxEmailLength = 254;     // hotsox_users.email
inline constexpr std::size_t kMaxNameLength = 150;      // hotsox_users.first_name, last_name
inline constexpr std::size_t kMaxCityLength = 255;      // hotsox_users.location_city
// hotsox_users.social_*: SPEC-hotsox.md § 1.4's 255 (migration 180; the
// columns were Django's VARCHAR(200), and a longer URL answered 500 once).
inline constexpr std::size_t kMaxUrlLength = 255;
inline constexpr std::size_t kMaxSockNameLength = 255;    // hotsox_socks.info_name
inline constexpr std::size_t kMaxSockAboutLength = 2000;  // hotsox_socks.info_about (TEXT)
inline constexpr std::size_t kMaxChatLength = 255;        // hotsox_chats.message (2000): SPEC-hotsox.md § 1.4 says 255
inline constexpr std::size_t kMaxMailSubjectLength = 255;   // hotsox_mails.subject
inline constexpr std::size_t kMaxMailMessageLength = 5000;  // hotsox_mails.message

}  // namespace hotsox
