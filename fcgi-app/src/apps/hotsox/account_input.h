// A HotSox account as the API reads and validates it. Pure.
#pragma once

#include "apps/hotsox/fields.h"
#include "platform/calendar.h"

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotsox {

// What a user may set about themselves.
struct Profile {
  std::string username;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string info_about;
  platform::Date info_birthday;
  int info_gender = 8;  // "1".."8"
  std::string location_city;
  std::optional<double> location_latitude;
  std::optional<double> location_longitude;
  bool notification = true;
  std::optional<std::string> social_instagram;
  std::optional<std::string> social_facebook;
  std::optional<std::string> social_twitter;
  std::optional<std::string> social_spotify;
};

inline constexpr int kMinimumAge = 18;
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 128;
inline constexpr std::size_t kMaxAboutLength = 2000;
inline constexpr const char* kTooYoung = "You must be at least 18 years old";
inline constexpr const char* kUsernameTaken = "A user with that username already exists.";
inline constexpr const char* kEmailTaken = "user with this email address already exists.";

// Both read the required fields (an update is DRF's PUT, a full update);
// an absent optional field keeps its value. A create also requires the
// password and the birthday; an update ignores a password.
enum class InputMode {
  kCreate,
  kUpdate,
};

struct ProfileInput {
  Profile profile;
  std::optional<std::string> password;  // a sign-up's password, as sent
};

// Applies the fields of `body` (a JSON object) onto `current` (defaults for a
// create, the stored profile for an update) and records what is wrong in
// `errors` (DRF's shape and wording). Unknown and read-only fields (id,
// is_staff, ...) are ignored. Uniqueness is the caller's to check.
ProfileInput read_profile_input(const Json::Value& body, InputMode mode, Profile current, const platform::Date& today,
                                FieldErrors& errors);

// A password's problems: empty when acceptable.
std::vector<std::string> password_problems(std::string_view password);

// The profile as the API shows it (no password, ever).
Json::Value profile_json(const Profile& profile);

}  // namespace hotsox
