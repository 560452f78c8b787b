#include "apps/hotsox_fastapi/inputs.h"

namespace hotsox_fastapi {

namespace {

template <typename T>
void assign(T& target, std::optional<T>&& value) {
  if (value) target = std::move(*value);
}

void assign_int(int& target, const std::optional<long long>& value) {
  if (value) target = static_cast<int>(*value);
}

}  // namespace

hotsox::Profile new_user_defaults() {
  hotsox::Profile profile;
  profile.info_gender = 1;
  profile.notification = true;
  profile.location_latitude = 0.0;
  profile.location_longitude = 0.0;
  profile.social_instagram = "https://www.instagram.com/";
  profile.social_facebook = "https://www.facebook.com/";
  profile.social_twitter = "https://twitter.com/";
  profile.social_spotify = "https://open.spotify.com/";
  return profile;
}

UserInput read_user_input(const Json::Value& body, UserModel model, const hotsox::Profile& current,
                          const platform::Date& today, Problems& problems) {
  const bool create = model == UserModel::kCreate;
  UserInput input{create ? new_user_defaults() : current, std::nullopt};
  hotsox::Profile& p = input.profile;
  BodyReader reader(body, problems);
  assign(p.username, reader.text("username", create, 0, kMaxNameLength));
  if (create) input.password = reader.text("password", true, hotsox::kMinPasswordLength, hotsox::kMaxPasswordLength);
  assign(p.first_name, reader.text_null_as_blank("first_name", kMaxNameLength));
  assign(p.last_name, reader.text_null_as_blank("last_name", kMaxNameLength));
  assign(p.email, reader.email("email", create));
  assign(p.info_about, reader.text_null_as_blank("info_about", hotsox::kMaxAboutLength));
  if (auto birthday = reader.date("info_birthday", create)) {
    if (is_adult(*birthday, today)) {
      p.info_birthday = *birthday;
    } else {
      reader.refuse("info_birthday", {kTooYoung, "value_error"});
    }
  }
  assign_int(p.info_gender, reader.integer("info_gender", false, 1, 8));
  assign(p.location_city, reader.text("location_city", create, 0, kMaxCityLength));
  if (auto latitude = reader.number("location_latitude", false, -90, 90)) p.location_latitude = *latitude;
  if (auto longitude = reader.number("location_longitude", false, -180, 180)) p.location_longitude = *longitude;
  assign(p.notification, reader.boolean("notification", false));
  reader.nullable_text("social_instagram", kMaxSocialLength).apply_to(p.social_instagram);
  reader.nullable_text("social_facebook", kMaxSocialLength).apply_to(p.social_facebook);
  reader.nullable_text("social_twitter", kMaxSocialLength).apply_to(p.social_twitter);
  reader.nullable_text("social_spotify", kMaxSocialLength).apply_to(p.social_spotify);
  return input;
}

hotsox::SockFields read_sock_input(const Json::Value& body, const platform::Date& today, Problems& problems) {
  hotsox::SockFields sock = hotsox::new_sock_defaults(today);
  BodyReader reader(body, problems);
  const auto choice = [&](const char* name, int& field, long long count) {
    assign_int(field, reader.integer(name, false, 1, count));
  };
  const auto count = [&](const char* name, int& field) {
    assign_int(field, reader.integer(name, true, 0, hotsox::kMaxSmallCount));
  };
  assign(sock.info_name, reader.text("info_name", true, 0, kMaxSockNameLength));
  assign(sock.info_about, reader.text_null_as_blank("info_about", hotsox::kMaxAboutLength));
  choice("info_color", sock.info_color, 10);
  choice("info_fabric", sock.info_fabric, 7);
  choice("info_fabric_thickness", sock.info_fabric_thickness, 7);
  choice("info_brand", sock.info_brand, 13);
  choice("info_type", sock.info_type, 9);
  choice("info_size", sock.info_size, 7);
  count("info_age", sock.info_age);
  // null, like absent: today (SPEC-hotsox.md § 2.3).
  assign(sock.info_separation_date, reader.date("info_separation_date", false, /*nullable=*/true));
  choice("info_condition", sock.info_condition, 12);
  count("info_holes", sock.info_holes);
  count("info_kilometers", sock.info_kilometers);
  choice("info_inoutdoor", sock.info_inoutdoor, 9);
  count("info_washed", sock.info_washed);
  assign(sock.info_special, reader.text("info_special", true, 0, hotsox::kMaxSpecialLength));
  return sock;
}

}  // namespace hotsox_fastapi
