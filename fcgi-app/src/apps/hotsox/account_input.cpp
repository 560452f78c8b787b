#include "apps/hotsox/account_input.h"

#include "apps/hotsox/field_limits.h"

#include "platform/text.h"

namespace hotsox {

namespace {

void read_url(FieldReader& reader, const std::string& name, std::optional<std::string>& target) {
  const auto value = reader.nullable_text(name, TextRule{.max_length = kMaxUrlLength});
  if (value.has_value() && !value.value().empty() && !is_valid_url(value.value())) {
    reader.add_error(name, "Enter a valid URL.");
    return;
  }
  value.apply_to(target);
}

Json::Value optional_text(const std::optional<std::string>& value) {
  return value ? Json::Value(*value) : Json::Value();
}

Json::Value optional_number(const std::optional<double>& value) { return value ? Json::Value(*value) : Json::Value(); }

// Taken as typed: surrounding spaces are part of a password.
std::optional<std::string> read_new_password(FieldReader& reader) {
  auto password = reader.text("password", {.required = true, .trim = false});
  if (!password) return std::nullopt;
  auto problems = password_problems(*password);
  if (problems.empty()) return password;
  for (auto& problem : problems) reader.add_error("password", std::move(problem));
  return std::nullopt;
}

}  // namespace

std::vector<std::string> password_problems(std::string_view password) {
  std::vector<std::string> problems;
  const auto length = platform::utf8_length(password);
  if (!length) {
    problems.emplace_back("Not a valid string.");
  } else if (*length == 0) {
    problems.emplace_back("This field may not be blank.");
  } else if (*length < kMinPasswordLength) {
    problems.emplace_back("This password is too short. It must contain at least " + std::to_string(kMinPasswordLength) +
                          " characters.");
  } else if (*length > kMaxPasswordLength) {
    problems.emplace_back("Ensure this field has no more than " + std::to_string(kMaxPasswordLength) + " characters.");
  }
  return problems;
}

ProfileInput read_profile_input(const Json::Value& body, InputMode mode, Profile current, const platform::Date& today,
                                FieldErrors& errors) {
  ProfileInput input{std::move(current), std::nullopt};
  Profile& profile = input.profile;
  FieldReader reader(body);

  if (auto username =
          reader.text("username", {.required = true, .allow_blank = false, .max_length = kMaxUsernameLength})) {
    if (is_valid_username(*username)) {
      profile.username = std::move(*username);
    } else {
      reader.add_error("username",
                       "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
                       "characters.");
    }
  }
  // Optional, blank by default; a blank one is unique like any other (check_unique).
  if (auto email = reader.text("email", {.max_length = kMaxEmailLength})) {
    if (email->empty() || is_valid_email(*email)) {
      profile.email = std::move(*email);
    } else {
      reader.add_error("email", "Enter a valid email address.");
    }
  }
  // Only a sign-up sets a password: PUT user/ ignores one (SPEC-hotsox.md § 1.4).
  if (mode == InputMode::kCreate) input.password = read_new_password(reader);
  if (auto name = reader.text("first_name", {.max_length = kMaxNameLength})) profile.first_name = std::move(*name);
  if (auto name = reader.text("last_name", {.max_length = kMaxNameLength})) profile.last_name = std::move(*name);
  if (auto about = reader.text("info_about", {.max_length = kMaxAboutLength})) profile.info_about = std::move(*about);
  if (auto birthday = reader.date("info_birthday", mode == InputMode::kCreate)) {
    if (age_in_years(*birthday, today) >= kMinimumAge) {
      profile.info_birthday = *birthday;
    } else {
      reader.add_error("info_birthday", kTooYoung);
    }
  }
  if (auto gender = reader.choice("info_gender", 8, true)) profile.info_gender = *gender;
  if (auto city =
          reader.text("location_city", {.required = true, .allow_blank = false, .max_length = kMaxCityLength})) {
    profile.location_city = std::move(*city);
  }
  reader.nullable_number("location_latitude", -90, 90).apply_to(profile.location_latitude);
  reader.nullable_number("location_longitude", -180, 180).apply_to(profile.location_longitude);
  if (auto notification = reader.boolean("notification")) profile.notification = *notification;
  read_url(reader, "social_instagram", profile.social_instagram);
  read_url(reader, "social_facebook", profile.social_facebook);
  read_url(reader, "social_twitter", profile.social_twitter);
  read_url(reader, "social_spotify", profile.social_spotify);

  for (const auto& [name, messages] : reader.errors()) {
    for (const auto& message : messages) errors[name].push_back(message);
  }
  return input;
}

Json::Value profile_json(const Profile& profile) {
  Json::Value value(Json::objectValue);
  value["username"] = profile.username;
  value["email"] = profile.email;
  value["first_name"] = profile.first_name;
  value["last_name"] = profile.last_name;
  value["info_about"] = profile.info_about;
  value["info_birthday"] = platform::format_iso_date(profile.info_birthday);
  value["info_gender"] = std::to_string(profile.info_gender);
  value["location_city"] = profile.location_city;
  value["location_latitude"] = optional_number(profile.location_latitude);
  value["location_longitude"] = optional_number(profile.location_longitude);
  value["notification"] = profile.notification;
  value["social_instagram"] = optional_text(profile.social_instagram);
  value["social_facebook"] = optional_text(profile.social_facebook);
  value["social_twitter"] = optional_text(profile.social_twitter);
  value["social_spotify"] = optional_text(profile.social_spotify);
  return value;
}

}  // namespace hotsox
