#include "apps/hotsox/representation.h"

#include "platform/json.h"

#include <boost/test/unit_test.hpp>

using namespace hotsox;
using platform::to_json;

namespace {

Sock sample_sock() {
  Sock sock;
  sock.id = 7;
  sock.owner_id = 3;
  sock.info_joining_date = platform::Date{2026, 1, 2};
  sock.fields.info_name = "Lefty";
  sock.fields.info_color = 4;
  sock.fields.info_separation_date = platform::Date{2025, 12, 24};
  sock.fields.info_special = "cinnamon";
  sock.pictures = {{11, "a.png"}, {12, "b.webp"}};
  sock.likes = {{31, 40, true}, {32, 41, false}};
  return sock;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_representation)

BOOST_AUTO_TEST_CASE(pictures) {
  BOOST_TEST(to_json(picture_json(Picture{5, "AbC_-x.jpg"})) == R"({"id":5,"profile_picture":"/media/AbC_-x.jpg"})");
}

BOOST_AUTO_TEST_CASE(socks_in_each_of_the_serializers_shapes) {
  const std::string fields =
      R"("info_about":"","info_age":0,"info_brand":"1","info_color":"4","info_condition":"1",)"
      R"("info_fabric":"1","info_fabric_thickness":"1","info_holes":0,"info_inoutdoor":"1",)"
      R"("info_kilometers":0,"info_name":"Lefty",)"
      R"("info_separation_date":"2025-12-24","info_size":"1","info_special":"cinnamon","info_type":"1",)"
      R"("info_washed":0)";
  const std::string pictures = R"("profile_picture":[{"id":11,"profile_picture":"/media/a.png"},)"
                               R"({"id":12,"profile_picture":"/media/b.webp"}])";
  const std::string likes = R"("sock_likes":[{"dislike":null,"id":31,"like":40},{"dislike":41,"id":32,"like":null}])";
  // Keys are sorted in the output: id, info_* (with info_joining_date), profile_picture, sock_likes.
  const auto with_joining = [](const std::string& text) {
    std::string out = text;
    out.insert(out.find(R"("info_kilometers")"), R"("info_joining_date":"2026-01-02",)");
    return out;
  };
  BOOST_TEST(to_json(sock_json(sample_sock())) ==
             "{\"id\":7," + with_joining(fields) + "," + pictures + "," + likes + "}");
  BOOST_TEST(to_json(sock_create_json(sample_sock())) == "{\"id\":7," + with_joining(fields) + "}");
  BOOST_TEST(to_json(sock_update_json(sample_sock())) == "{" + fields + "}");
  BOOST_TEST(to_json(sock_with_id_json(sample_sock())) == "{\"id\":7," + with_joining(fields) + "," + pictures + "}");
  BOOST_TEST(to_json(sock_for_match_json(sample_sock())) == "{" + with_joining(fields) + "," + pictures + "}");
  Sock bare = sample_sock();
  bare.pictures.clear();
  bare.likes.clear();
  BOOST_TEST(to_json(sock_json(bare)["profile_picture"]) == "[]");
  BOOST_TEST(to_json(sock_json(bare)["sock_likes"]) == "[]");
}

namespace {

Account sample_account() {
  Account account;
  account.id = 3;
  account.profile.username = "ann";
  account.profile.email = "ann@example.com";
  account.profile.info_birthday = platform::Date{1990, 5, 17};
  account.profile.info_gender = 2;
  account.profile.location_city = "Kiel";
  account.is_staff = true;
  account.is_superuser = true;
  account.date_joined = "2026-01-02T03:04:05.000006Z";
  account.pictures = {{21, "p.png"}};
  account.socks = {sample_sock()};
  return account;
}

}  // namespace

BOOST_AUTO_TEST_CASE(accounts_with_everything_they_own) {
  Account account = sample_account();
  Activity activity;
  activity.active_matches = {{9, 4, 3, 7, 8, "0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f", false, "2026-03-01T10:00:00Z"}};
  activity.mails = {{16, "Hello", "Hi", "2026-03-01"}};
  activity.chats_sent = {{15, {"ann", "ann@example.com"}, {"ben", "ben@example.com"}, "hi", "u", "t", std::nullopt}};
  const Json::Value value = account_json(account, activity);
  BOOST_TEST(to_json(value["profile_picture"]) == R"([{"id":21,"profile_picture":"/media/p.png"}])");
  BOOST_TEST(to_json(value["sock"]) == "[" + to_json(sock_json(sample_sock())) + "]");
  BOOST_TEST(to_json(value["user_match"]) == "[" + to_json(match_json(activity.active_matches[0])) + "]");
  BOOST_TEST(to_json(value["mail"]) == "[" + to_json(mail_json(activity.mails[0])) + "]");
  BOOST_TEST(to_json(value["chat_sending"]) == "[" + to_json(chat_json(activity.chats_sent[0])) + "]");
  Json::Value rest = value;
  for (const char* list : {"profile_picture", "sock", "user_match", "mail", "chat_sending"}) rest.removeMember(list);
  BOOST_TEST(to_json(rest) ==
             R"({"date_joined":"2026-01-02T03:04:05.000006Z","email":"ann@example.com","first_name":"","id":3,)"
             R"("info_about":"","info_birthday":"1990-05-17","info_gender":"2","is_active":true,"is_staff":true,)"
             R"("is_superuser":true,"last_login":null,)"
             R"("last_name":"","location_city":"Kiel","location_latitude":null,"location_longitude":null,)"
             R"("notification":true,"social_facebook":null,"social_instagram":null,"social_spotify":null,)"
             R"("social_twitter":null,"username":"ann"})");
  BOOST_TEST(!value.isMember("password"));
  account.socks.clear();
  account.pictures.clear();
  account.last_login = "2026-02-01T00:00:00.000000Z";
  const Json::Value empty = account_json(account, Activity{});
  for (const char* list : {"profile_picture", "sock", "user_match", "mail", "chat_sending"}) {
    BOOST_TEST(to_json(empty[list]) == "[]");
  }
  BOOST_TEST(empty["last_login"].asString() == "2026-02-01T00:00:00.000000Z");
}

BOOST_AUTO_TEST_CASE(users_for_a_match_show_only_their_public_side) {
  const Json::Value value = user_for_match_json(sample_account(), platform::Date{2026, 5, 16});
  BOOST_TEST(to_json(value) ==
             R"({"age":35,"date_joined":"2026-01-02T03:04:05.000006Z","first_name":"","info_about":"",)"
             R"("info_gender":"2","last_login":null,"last_name":"","location_city":"Kiel","location_latitude":null,)"
             R"("location_longitude":null,"profile_picture":[{"id":21,"profile_picture":"/media/p.png"}],)"
             R"("social_facebook":null,"social_instagram":null,"social_spotify":null,"social_twitter":null,)"
             R"("username":"ann"})");
  // Days / 365.2425, whole part: the day before the 36th birthday is still 35,
  // the birthday itself 36.
  BOOST_TEST(age_of(platform::Date{1990, 5, 17}, platform::Date{2026, 5, 16}) == 35);
  BOOST_TEST(age_of(platform::Date{1990, 5, 17}, platform::Date{2026, 5, 17}) == 36);
  BOOST_TEST(age_of(platform::Date{2000, 1, 1}, platform::Date{2000, 1, 1}) == 0);
}

BOOST_AUTO_TEST_CASE(matches) {
  MatchRecord match{9, 3, 4, 7, 8, "0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f", false, "2026-03-01T10:00:00.000000Z"};
  BOOST_TEST(to_json(match_json(match)) ==
             R"({"chatroom_uuid":"0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f","id":9,"other":4,"unmatched":false,"user":3})");
  // Re-oriented for the stored other: the two sides swap; for the user, nothing changes.
  const MatchRecord seen_by_other = oriented_for(match, 4);
  BOOST_TEST(seen_by_other.user == 4);
  BOOST_TEST(seen_by_other.other_user == 3);
  BOOST_TEST(*seen_by_other.sock == 8);
  BOOST_TEST(oriented_for(match, 3).user == 3);
  match.unmatched = true;
  BOOST_TEST(to_json(match_json(match)) ==
             R"({"chatroom_uuid":"0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f","id":9,"other":4,"unmatched":true,"user":3})");
}

BOOST_AUTO_TEST_CASE(chats_and_mails) {
  ChatMessage chat{15,
                   {"ann", "ann@example.com"},
                   {"ben", "ben@example.com"},
                   "hi \"ben\"",
                   "uuid-1",
                   "2026-03-01T10:00:01.000000Z",
                   std::nullopt};
  // `other` is the receiver; the sender is the caller and not shown.
  BOOST_TEST(to_json(chat_json(chat)) ==
             R"({"id":15,"message":"hi \"ben\"","other":{"email":"ben@example.com","username":"ben"},)"
             R"("seen_date":null,"sent_date":"2026-03-01T10:00:01.000000Z"})");
  chat.seen_at = "2026-03-01T11:00:00.000000Z";
  BOOST_TEST(chat_json(chat)["seen_date"].asString() == "2026-03-01T11:00:00.000000Z");
  const Mail mail{16, "Hello", "Line one\nline two", "2026-03-01"};
  BOOST_TEST(to_json(mail_json(mail)) ==
             R"({"content":"Line one\nline two","id":16,"sent_date":"2026-03-01","subject":"Hello"})");
}

BOOST_AUTO_TEST_SUITE_END()
