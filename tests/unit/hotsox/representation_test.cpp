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
  return sock;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_representation)

BOOST_AUTO_TEST_CASE(pictures) {
  BOOST_TEST(to_json(picture_json(Picture{5, "AbC_-x.jpg"})) == R"({"id":5,"profile_picture":"/media/AbC_-x.jpg"})");
}

BOOST_AUTO_TEST_CASE(socks_with_their_pictures) {
  BOOST_TEST(to_json(sock_json(sample_sock())) ==
             R"({"id":7,"info_about":"","info_age":0,"info_brand":"1","info_color":"4","info_condition":"1",)"
             R"("info_fabric":"1","info_fabric_thickness":"1","info_holes":0,"info_inoutdoor":"1",)"
             R"("info_joining_date":"2026-01-02","info_kilometers":0,"info_name":"Lefty",)"
             R"("info_separation_date":"2025-12-24","info_size":"1","info_special":"cinnamon","info_type":"1",)"
             R"("info_washed":0,"profile_picture":[{"id":11,"profile_picture":"/media/a.png"},)"
             R"({"id":12,"profile_picture":"/media/b.webp"}]})");
  Sock bare = sample_sock();
  bare.pictures.clear();
  BOOST_TEST(to_json(sock_json(bare)["profile_picture"]) == "[]");
}

BOOST_AUTO_TEST_CASE(accounts_with_pictures_and_socks) {
  Account account;
  account.id = 3;
  account.profile.username = "ann";
  account.profile.email = "ann@example.com";
  account.profile.info_birthday = platform::Date{1990, 5, 17};
  account.profile.info_gender = 2;
  account.profile.location_city = "Kiel";
  account.is_staff = true;
  account.date_joined = "2026-01-02T03:04:05.000006Z";
  account.pictures = {{21, "p.png"}};
  account.socks = {sample_sock()};
  const Json::Value value = account_json(account);
  BOOST_TEST(to_json(value["profile_picture"]) == R"([{"id":21,"profile_picture":"/media/p.png"}])");
  BOOST_TEST(to_json(value["sock"]) == "[" + to_json(sock_json(sample_sock())) + "]");
  Json::Value rest = value;
  rest.removeMember("profile_picture");
  rest.removeMember("sock");
  BOOST_TEST(to_json(rest) ==
             R"({"date_joined":"2026-01-02T03:04:05.000006Z","email":"ann@example.com","first_name":"","id":3,)"
             R"("info_about":"","info_birthday":"1990-05-17","info_gender":"2","is_active":true,"is_staff":true,)"
             R"("last_name":"","location_city":"Kiel","location_latitude":null,"location_longitude":null,)"
             R"("notification":true,"social_facebook":null,"social_instagram":null,"social_spotify":null,)"
             R"("social_twitter":null,"username":"ann"})");
  account.socks.clear();
  account.pictures.clear();
  BOOST_TEST(to_json(account_json(account)["sock"]) == "[]");
  BOOST_TEST(to_json(account_json(account)["profile_picture"]) == "[]");
}

BOOST_AUTO_TEST_CASE(matches) {
  MatchRecord match{9, 3, 4, 7, 8, "0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f", false, "2026-03-01T10:00:00.000000Z"};
  BOOST_TEST(
      to_json(match_json(match)) ==
      R"({"chatroom_uuid":"0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f","id":9,"matched_at":"2026-03-01T10:00:00.000000Z",)"
      R"("other_sock":8,"other_user":4,"sock":7,"unmatched":false,"user":3})");
  // A sock deleted since: null.
  match.sock.reset();
  match.other_sock.reset();
  match.unmatched = true;
  BOOST_TEST(
      to_json(match_json(match)) ==
      R"({"chatroom_uuid":"0b5c8f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f","id":9,"matched_at":"2026-03-01T10:00:00.000000Z",)"
      R"("other_sock":null,"other_user":4,"sock":null,"unmatched":true,"user":3})");
}

BOOST_AUTO_TEST_CASE(chats_and_mails) {
  const ChatMessage chat{15, "ann", "ben", "hi \"ben\"", "uuid-1", "2026-03-01T10:00:01.000000Z"};
  BOOST_TEST(to_json(chat_json(chat)) ==
             R"({"chatroom_uuid":"uuid-1","id":15,"message":"hi \"ben\"","receiver":"ben","sender":"ann",)"
             R"("sent_at":"2026-03-01T10:00:01.000000Z"})");
  const Mail mail{16, "Hello", "Line one\nline two", "2026-03-01T10:00:02.000000Z"};
  BOOST_TEST(to_json(mail_json(mail)) ==
             R"({"id":16,"message":"Line one\nline two","sent_at":"2026-03-01T10:00:02.000000Z","subject":"Hello"})");
}

BOOST_AUTO_TEST_SUITE_END()
