#include "apps/hotsox/account_input.h"

#include "platform/json.h"
#include "test_support.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace hotsox;
using platform::Date;

namespace {

const Date kToday{2026, 3, 10};

// The fields of a valid registration, with `extra` (a JSON object's members) added or replacing them.
Json::Value registration(const std::string& extra = "") {
  return test::with_members(test::parse(R"({"username": "alice", "email": "alice@example.com",
      "password": "correct horse 9", "info_birthday": "1990-05-17", "info_gender": "3", "location_city": "Hamburg"})"),
                            extra);
}

struct Outcome {
  ProfileInput input;
  FieldErrors errors;

  std::string error(const std::string& name) const { return test::messages_of(errors, name); }
  std::string fields_in_error() const {
    std::string names;
    for (const auto& [name, messages] : errors) names += (names.empty() ? "" : ",") + name;
    return names;
  }
};

Outcome create(const Json::Value& body, const Date& today = kToday) {
  Outcome outcome;
  outcome.input = read_profile_input(body, InputMode::kCreate, Profile{}, today, outcome.errors);
  return outcome;
}

// A stored profile, as an update starts from.
Profile stored() {
  Profile p;
  p.username = "bob";
  p.email = "bob@example.com";
  p.first_name = "Bob";
  p.last_name = "Builder";
  p.info_about = "likes socks";
  p.info_birthday = Date{1985, 1, 2};
  p.info_gender = 5;
  p.location_city = "Kiel";
  p.location_latitude = 54.25;
  p.location_longitude = 10.125;
  p.notification = false;
  p.social_instagram = "https://instagram.com/bob";
  return p;
}

Outcome update(const std::string& json) {
  Outcome outcome;
  outcome.input = read_profile_input(test::parse(json), InputMode::kUpdate, stored(), kToday, outcome.errors);
  return outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_account_input)

BOOST_AUTO_TEST_CASE(a_valid_registration) {
  const Outcome o = create(registration(R"("first_name": " Alice ", "location_latitude": "53.55",
      "location_longitude": 9.99, "notification": false, "social_twitter": "https://twitter.com/alice",
      "social_spotify": null)"));
  BOOST_TEST(o.errors.empty());
  const Profile& p = o.input.profile;
  BOOST_TEST(p.username == "alice");
  BOOST_TEST(p.email == "alice@example.com");
  BOOST_TEST(p.first_name == "Alice");
  BOOST_TEST(p.last_name == "");
  BOOST_TEST(p.info_about == "");
  BOOST_TEST((p.info_birthday == Date{1990, 5, 17}));
  BOOST_TEST(p.info_gender == 3);
  BOOST_TEST(p.location_city == "Hamburg");
  BOOST_TEST(*p.location_latitude == 53.55);
  BOOST_TEST(*p.location_longitude == 9.99);
  BOOST_TEST(p.notification == false);
  BOOST_TEST(*p.social_twitter == "https://twitter.com/alice");
  BOOST_TEST(!p.social_spotify.has_value());
  BOOST_TEST(!p.social_instagram.has_value());
  BOOST_TEST(*o.input.password == "correct horse 9");
}

BOOST_AUTO_TEST_CASE(defaults_of_a_registration) {
  const Outcome o = create(registration());
  BOOST_TEST(o.errors.empty());
  BOOST_TEST(o.input.profile.notification == true);  // SPEC: default true
  BOOST_TEST(!o.input.profile.location_latitude.has_value());
  BOOST_TEST(!o.input.profile.location_longitude.has_value());
}

BOOST_AUTO_TEST_CASE(a_registration_needs_five_fields) {
  const Outcome o = create(test::parse("{}"));
  BOOST_TEST(o.fields_in_error() == "info_birthday,info_gender,location_city,password,username");
  for (const auto& [name, messages] : o.errors) {
    BOOST_TEST(messages.size() == 1u, name);
    BOOST_TEST(messages[0] == "This field is required.", name);
  }
  BOOST_TEST(!o.input.password.has_value());
  // As the HTTP test sends it: no password.
  Json::Value body = registration();
  body.removeMember("password");
  const Outcome no_password = create(body);
  BOOST_TEST(no_password.fields_in_error() == "password");
  BOOST_TEST(no_password.error("password") == "This field is required.");
}

BOOST_AUTO_TEST_CASE(several_bad_fields_each_have_their_error) {
  // The HTTP test's case: bad email, gender 9, no city, a javascript: URL.
  const Outcome o = create(test::parse(R"x({"username": "bad_x", "email": "not-an-email", "password": "correct horse 9",
      "info_birthday": "1990-01-01", "info_gender": "9", "social_twitter": "javascript:alert(1)"})x"));
  BOOST_TEST(o.fields_in_error() == "email,info_gender,location_city,social_twitter");
  BOOST_TEST(o.error("email") == "Enter a valid email address.");
  BOOST_TEST(o.error("info_gender") == R"("9" is not a valid choice.)");
  BOOST_TEST(o.error("location_city") == "This field is required.");
  BOOST_TEST(o.error("social_twitter") == "Enter a valid URL.");
}

BOOST_AUTO_TEST_CASE(usernames) {
  const Outcome spaced = create(registration(R"("username": "a b")"));
  BOOST_TEST(spaced.error("username") ==
             "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
  const Outcome long_name = create(registration(R"("username": ")" + std::string(151, 'u') + "\""));
  BOOST_TEST(long_name.error("username") == "Ensure this field has no more than 150 characters.");
  BOOST_TEST(create(registration(R"("username": ")" + std::string(150, 'u') + "\"")).errors.empty());
  BOOST_TEST(create(registration(R"("username": "")")).error("username") == "This field may not be blank.");
  BOOST_TEST(create(registration(R"("username": null)")).error("username") == "This field may not be null.");
  BOOST_TEST(create(registration(R"("username": ["alice"])")).error("username") == "Not a valid string.");
  const Outcome trimmed = create(registration(R"("username": "  alice  ")"));
  BOOST_TEST(trimmed.errors.empty());
  BOOST_TEST(trimmed.input.profile.username == "alice");
  BOOST_TEST(std::string(kUsernameTaken) == "A user with that username already exists.");
}

BOOST_AUTO_TEST_CASE(email_addresses) {
  BOOST_TEST(create(registration(R"("email": "not-an-email")")).error("email") == "Enter a valid email address.");
  BOOST_TEST(create(registration(R"("email": "a@b")")).error("email") == "Enter a valid email address.");
  // Optional, blank by default (SPEC-hotsox.md § 1.4).
  BOOST_TEST(create(registration(R"("email": "")")).errors.empty());
  BOOST_TEST(create(registration(R"("email": "   ")")).input.profile.email.empty());
  Json::Value without_email = registration();
  without_email.removeMember("email");
  const Outcome blank = create(without_email);
  BOOST_TEST(blank.errors.empty());
  BOOST_TEST(blank.input.profile.email.empty());
  BOOST_TEST(create(registration(R"("email": null)")).error("email") == "This field may not be null.");
  BOOST_TEST(create(registration(R"("email": 5)")).error("email") == "Enter a valid email address.");
  const std::string long_address = std::string(64, 'l') + "@" + std::string(186, 'd') + ".com";
  BOOST_REQUIRE(long_address.size() == 255u);
  BOOST_TEST(create(registration(R"("email": ")" + long_address + "\"")).error("email") ==
             "Ensure this field has no more than 254 characters.");
  const Outcome spaced = create(registration(R"("email": " alice@example.com ")"));
  BOOST_TEST(spaced.errors.empty());
  BOOST_TEST(spaced.input.profile.email == "alice@example.com");
  BOOST_TEST(std::string(kEmailTaken) == "user with this email address already exists.");
}

BOOST_AUTO_TEST_CASE(passwords_are_taken_as_typed) {
  const Outcome spaced = create(registration(R"("password": "  spaced  ")"));
  BOOST_TEST(spaced.errors.empty());
  BOOST_TEST(*spaced.input.password == "  spaced  ");
  const Outcome number = create(registration(R"("password": 12345678)"));
  BOOST_TEST(number.errors.empty());
  BOOST_TEST(*number.input.password == "12345678");
  BOOST_TEST(create(registration(R"("password": "short")")).error("password") ==
             "This password is too short. It must contain at least 8 characters.");
  BOOST_TEST(create(registration(R"("password": "       ")")).error("password") ==
             "This password is too short. It must contain at least 8 characters.");
  BOOST_TEST(create(registration(R"("password": "")")).error("password") == "This field may not be blank.");
  BOOST_TEST(create(registration(R"("password": null)")).error("password") == "This field may not be null.");
  BOOST_TEST(create(registration(R"("password": ")" + std::string(129, 'p') + "\"")).error("password") ==
             "Ensure this field has no more than 128 characters.");
  BOOST_TEST(!create(registration(R"("password": "short")")).input.password.has_value());
}

BOOST_AUTO_TEST_CASE(password_problems_count_characters) {
  BOOST_TEST(password_problems("12345678").empty());
  BOOST_TEST(password_problems(std::string(128, 'p')).empty());
  std::string umlauts;
  for (int i = 0; i < 8; ++i) umlauts += "\xC3\xA4";  // 8 characters, 16 bytes
  BOOST_TEST(password_problems(umlauts).empty());
  umlauts.resize(14);  // 7 characters
  BOOST_REQUIRE(password_problems(umlauts).size() == 1u);
  BOOST_TEST(password_problems(umlauts)[0] == "This password is too short. It must contain at least 8 characters.");
  BOOST_REQUIRE(password_problems("").size() == 1u);
  BOOST_TEST(password_problems("")[0] == "This field may not be blank.");
  BOOST_REQUIRE(password_problems(std::string(129, 'p')).size() == 1u);
  BOOST_TEST(password_problems(std::string(129, 'p'))[0] == "Ensure this field has no more than 128 characters.");
  BOOST_REQUIRE(password_problems("abcdefgh\xFF").size() == 1u);
  BOOST_TEST(password_problems("abcdefgh\xFF")[0] == "Not a valid string.");
}

BOOST_AUTO_TEST_CASE(eighteen_or_older) {
  const auto birthday_error = [](const std::string& birthday, const Date& today = kToday) {
    return create(registration(R"("info_birthday": ")" + birthday + "\""), today).error("info_birthday");
  };
  BOOST_TEST(birthday_error("2008-03-10") == "");  // 18 today
  BOOST_TEST(birthday_error("2008-03-11") == "You must be at least 18 years old");
  BOOST_TEST(birthday_error("2026-03-10") == "You must be at least 18 years old");
  BOOST_TEST(birthday_error("2030-01-01") == "You must be at least 18 years old");
  BOOST_TEST(birthday_error("1900-01-01") == "");
  // Born on 29 February: 18 on 1 March of a common year.
  BOOST_TEST(birthday_error("2008-02-29", Date{2026, 2, 28}) == "You must be at least 18 years old");
  BOOST_TEST(birthday_error("2008-02-29", Date{2026, 3, 1}) == "");
  BOOST_TEST(birthday_error("17.05.1990") == "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
  BOOST_TEST(birthday_error("1990-02-30") == "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
  BOOST_TEST(std::string(kTooYoung) == "You must be at least 18 years old");
  BOOST_TEST(!create(registration(R"("info_birthday": "2008-03-11")")).errors.empty());
}

BOOST_AUTO_TEST_CASE(gender_is_one_to_eight) {
  for (int gender = 1; gender <= 8; ++gender) {
    const Outcome as_number = create(registration(R"("info_gender": )" + std::to_string(gender)));
    const Outcome as_text = create(registration(R"("info_gender": ")" + std::to_string(gender) + "\""));
    BOOST_TEST(as_number.errors.empty(), gender);
    BOOST_TEST(as_text.errors.empty(), gender);
    BOOST_TEST(as_number.input.profile.info_gender == gender);
    BOOST_TEST(as_text.input.profile.info_gender == gender);
  }
  BOOST_TEST(create(registration(R"("info_gender": 0)")).error("info_gender") == R"("0" is not a valid choice.)");
  BOOST_TEST(create(registration(R"("info_gender": "9")")).error("info_gender") == R"("9" is not a valid choice.)");
  BOOST_TEST(create(registration(R"("info_gender": "male")")).error("info_gender") ==
             R"("male" is not a valid choice.)");
}

BOOST_AUTO_TEST_CASE(city_and_texts) {
  BOOST_TEST(create(registration(R"("location_city": "")")).error("location_city") == "This field may not be blank.");
  BOOST_TEST(create(registration(R"("location_city": " ")")).error("location_city") == "This field may not be blank.");
  BOOST_TEST(create(registration(R"("location_city": ")" + std::string(256, 'c') + "\"")).error("location_city") ==
             "Ensure this field has no more than 255 characters.");
  BOOST_TEST(create(registration(R"("location_city": ")" + std::string(255, 'c') + "\"")).errors.empty());
  BOOST_TEST(create(registration(R"("first_name": ")" + std::string(151, 'f') + "\"")).error("first_name") ==
             "Ensure this field has no more than 150 characters.");
  BOOST_TEST(create(registration(R"("last_name": ")" + std::string(151, 'l') + "\"")).error("last_name") ==
             "Ensure this field has no more than 150 characters.");
  BOOST_TEST(create(registration(R"("first_name": "", "last_name": "")")).errors.empty());
  BOOST_TEST(create(registration(R"("info_about": ")" + std::string(2001, 'a') + "\"")).error("info_about") ==
             "Ensure this field has no more than 2000 characters.");
  const Outcome about = create(registration(R"("info_about": ")" + std::string(2000, 'a') + "\""));
  BOOST_TEST(about.errors.empty());
  BOOST_TEST(about.input.profile.info_about.size() == 2000u);
}

BOOST_AUTO_TEST_CASE(coordinates) {
  BOOST_TEST(create(registration(R"("location_latitude": 90.5)")).error("location_latitude") ==
             "Ensure this value is less than or equal to 90.");
  BOOST_TEST(create(registration(R"("location_latitude": -91)")).error("location_latitude") ==
             "Ensure this value is greater than or equal to -90.");
  BOOST_TEST(create(registration(R"("location_longitude": 180.5)")).error("location_longitude") ==
             "Ensure this value is less than or equal to 180.");
  BOOST_TEST(create(registration(R"("location_longitude": -181)")).error("location_longitude") ==
             "Ensure this value is greater than or equal to -180.");
  BOOST_TEST(create(registration(R"("location_latitude": "north")")).error("location_latitude") ==
             "A valid number is required.");
  const Outcome edges = create(registration(R"("location_latitude": -90, "location_longitude": 180)"));
  BOOST_TEST(edges.errors.empty());
  BOOST_TEST(*edges.input.profile.location_latitude == -90.0);
  BOOST_TEST(*edges.input.profile.location_longitude == 180.0);
}

BOOST_AUTO_TEST_CASE(notification_and_social_links) {
  BOOST_TEST(create(registration(R"("notification": "maybe")")).error("notification") == "Must be a valid boolean.");
  BOOST_TEST(create(registration(R"("notification": null)")).error("notification") == "This field may not be null.");
  BOOST_TEST(create(registration(R"("notification": "off")")).input.profile.notification == false);
  for (const char* name : {"social_instagram", "social_facebook", "social_twitter", "social_spotify"}) {
    const std::string field = std::string("\"") + name + "\": ";
    BOOST_TEST(create(registration(field + R"x("javascript:alert(1)")x")).error(name) == "Enter a valid URL.", name);
    BOOST_TEST(create(registration(field + R"("ftp://example.com/x")")).error(name) == "Enter a valid URL.", name);
    // SPEC-hotsox.md § 1.4: at most 255 (the columns follow, migration 180).
    BOOST_TEST(create(registration(field + "\"https://example.com/" + std::string(236, 'p') + "\"")).error(name) ==
                   "Ensure this field has no more than 255 characters.",
               name);
    BOOST_TEST(create(registration(field + "\"https://example.com/" + std::string(235, 'p') + "\"")).errors.empty(),
               name);
    BOOST_TEST(create(registration(field + "\"\"")).errors.empty(), name);  // blank is allowed
    BOOST_TEST(create(registration(field + "null")).errors.empty(), name);
  }
  const Outcome links = create(registration(R"("social_instagram": " https://instagram.com/alice ",
      "social_facebook": "", "social_spotify": null)"));
  BOOST_TEST(*links.input.profile.social_instagram == "https://instagram.com/alice");
  BOOST_TEST(*links.input.profile.social_facebook == "");
  BOOST_TEST(!links.input.profile.social_spotify.has_value());
}

BOOST_AUTO_TEST_CASE(an_update_is_full_and_keeps_absent_optional_fields) {
  // PUT is a full update (SPEC-hotsox.md § 1.4): username, info_gender and location_city are required.
  const Outcome nothing = update("{}");
  BOOST_TEST(nothing.fields_in_error() == "info_gender,location_city,username");
  BOOST_TEST(nothing.error("username") == "This field is required.");

  const Outcome some = update(R"({"username": "bob", "info_gender": 5, "first_name": "Alicia",
                                  "location_city": "Bremen", "location_latitude": null,
                                  "social_instagram": null, "notification": true})");
  BOOST_TEST(some.errors.empty());
  Profile expected = stored();
  expected.first_name = "Alicia";
  expected.location_city = "Bremen";
  expected.location_latitude.reset();
  expected.social_instagram.reset();
  expected.notification = true;
  BOOST_TEST(platform::to_json(profile_json(some.input.profile)) == platform::to_json(profile_json(expected)));

  const Outcome password =
      update(R"({"username": "bob", "info_gender": 5, "location_city": "Kiel", "password": "a brand new one 7"})");
  BOOST_TEST(password.errors.empty());
  BOOST_TEST(!password.input.password.has_value());  // PUT ignores a password (SPEC-hotsox.md § 1.4)
}

BOOST_AUTO_TEST_CASE(an_update_still_checks_what_is_sent) {
  const Outcome o = update(R"({"username": "", "email": "nope", "location_city": "", "info_gender": "0",
                               "info_birthday": "2020-01-01", "password": "short"})");
  // The password is ignored, not checked.
  BOOST_TEST(o.fields_in_error() == "email,info_birthday,info_gender,location_city,username");
  BOOST_TEST(o.error("username") == "This field may not be blank.");
  BOOST_TEST(o.error("email") == "Enter a valid email address.");
  BOOST_TEST(o.error("location_city") == "This field may not be blank.");
  BOOST_TEST(o.error("info_gender") == R"("0" is not a valid choice.)");
  BOOST_TEST(o.error("info_birthday") == "You must be at least 18 years old");
  // The rejected values are not applied.
  BOOST_TEST(o.input.profile.username == "bob");
  BOOST_TEST(o.input.profile.email == "bob@example.com");
  BOOST_TEST(o.input.profile.info_gender == 5);
  BOOST_TEST((o.input.profile.info_birthday == Date{1985, 1, 2}));
  BOOST_TEST(!o.input.password.has_value());
}

BOOST_AUTO_TEST_CASE(read_only_and_unknown_fields_are_ignored) {
  const Outcome o = update(R"({"username": "bob", "info_gender": 5, "location_city": "Kiel", "id": 99,
                               "is_staff": true, "is_active": false, "date_joined": "x",
                               "password_hash": "$argon2id$", "token_version": 7, "favourite": "wool"})");
  BOOST_TEST(o.errors.empty());
  BOOST_TEST(platform::to_json(profile_json(o.input.profile)) == platform::to_json(profile_json(stored())));
  BOOST_TEST(!o.input.password.has_value());
}

BOOST_AUTO_TEST_CASE(errors_are_added_to_those_already_found) {
  FieldErrors errors{{"username", {"A user with that username already exists."}}};
  read_profile_input(test::parse(R"({"username": "a b"})"), InputMode::kUpdate, stored(), kToday, errors);
  BOOST_REQUIRE(errors["username"].size() == 2u);
  BOOST_TEST(errors["username"][0] == "A user with that username already exists.");
  BOOST_TEST(errors["username"][1] ==
             "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
}

BOOST_AUTO_TEST_CASE(profile_as_the_api_shows_it) {
  BOOST_TEST(platform::to_json(profile_json(stored())) ==
             R"({"email":"bob@example.com","first_name":"Bob","info_about":"likes socks",)"
             R"("info_birthday":"1985-01-02","info_gender":"5","last_name":"Builder","location_city":"Kiel",)"
             R"("location_latitude":54.25,"location_longitude":10.125,"notification":false,)"
             R"("social_facebook":null,"social_instagram":"https://instagram.com/bob","social_spotify":null,)"
             R"("social_twitter":null,"username":"bob"})");
  Profile linked = stored();
  linked.social_instagram = "https://i.example/b";
  linked.social_facebook = "https://f.example/b";
  linked.social_twitter = "https://t.example/b";
  linked.social_spotify = "https://s.example/b";
  const Json::Value links = profile_json(linked);
  BOOST_TEST(links["social_instagram"].asString() == "https://i.example/b");
  BOOST_TEST(links["social_facebook"].asString() == "https://f.example/b");
  BOOST_TEST(links["social_twitter"].asString() == "https://t.example/b");
  BOOST_TEST(links["social_spotify"].asString() == "https://s.example/b");
  // Never a password, whatever was sent.
  const Outcome o = create(registration());
  BOOST_TEST(!profile_json(o.input.profile).isMember("password"));
}

BOOST_AUTO_TEST_SUITE_END()
