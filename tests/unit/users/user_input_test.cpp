#include "apps/users/user_input.h"

#include <boost/test/unit_test.hpp>

using namespace users;

namespace {

platform::Request request(const char* query, const char* content_type = "", const char* body = "") {
  platform::Request r;
  r.query = platform::Params::parse(query);
  if (*content_type != '\0') r.headers = {{"content-type", content_type}};
  r.body = body;
  return r;
}

std::string problem(const UserInput& input) {
  const auto checked = validate_new_user(input);
  return checked ? "" : checked.error();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(users_input)

BOOST_AUTO_TEST_CASE(missing_values_print_like_the_original) {
  BOOST_TEST(missing_values_message({std::nullopt, std::string("John")}) ==
             "Please provide userid and username. Got None and John");
  BOOST_TEST(missing_values_message({std::string(""), std::string("John")}) ==
             "Please provide userid and username. Got  and John");
  BOOST_TEST(missing_values_message({std::string("1"), std::nullopt}) ==
             "Please provide userid and username. Got 1 and None");
  BOOST_TEST(problem({std::nullopt, std::nullopt}) == "Please provide userid and username. Got None and None");
  BOOST_TEST(problem({std::string("1"), std::string("")}) == "Please provide userid and username. Got 1 and ");
}

BOOST_AUTO_TEST_CASE(userid_range) {
  BOOST_TEST(*parse_userid("1") == 1);
  BOOST_TEST(*parse_userid("2147483647") == 2147483647);
  for (const char* bad : {"0", "-1", "+1", "2147483648", "1.0", "1e3", "abc", " 1", "1 ", "0x10", ""}) {
    BOOST_TEST(!parse_userid(bad).has_value(), bad);
  }
  BOOST_TEST(problem({std::string("abc"), std::string("John")}) == kBadUserid);
}

BOOST_AUTO_TEST_CASE(username_length_counts_characters) {
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "é";
  BOOST_TEST(problem({std::string("1"), hundred}) == "");
  BOOST_TEST(problem({std::string("1"), hundred + "x"}) == "username must be at most 100 characters");
}

BOOST_AUTO_TEST_CASE(values_from_query_form_and_json) {
  const auto from_query = read_user_input(request("userid=1&username=John"));
  BOOST_TEST(*from_query.userid == "1");
  BOOST_TEST(*from_query.username == "John");

  const auto from_form = read_user_input(request("", "application/x-www-form-urlencoded", "userid=2&username=Ann+Lee"));
  BOOST_TEST(*from_form.userid == "2");
  BOOST_TEST(*from_form.username == "Ann Lee");

  const auto from_json =
      read_user_input(request("", "application/json; charset=utf-8", R"({"userid":3,"username":"Zoë"})"));
  BOOST_TEST(*from_json.userid == "3");
  BOOST_TEST(*from_json.username == "Zoë");

  const auto query_wins = read_user_input(request("userid=4", "application/json", R"({"userid":5,"username":"X"})"));
  BOOST_TEST(*query_wins.userid == "4");
  BOOST_TEST(*query_wins.username == "X");
}

BOOST_AUTO_TEST_CASE(odd_json_values) {
  const auto input = read_user_input(request("", "application/json", R"({"userid":1.5,"username":null})"));
  BOOST_TEST(*input.userid == "1.5");
  BOOST_TEST(!input.username.has_value());
  BOOST_TEST(problem(read_user_input(request("", "application/json", R"({"userid":true,"username":"a"})"))) ==
             kBadUserid);
  BOOST_CHECK_THROW(read_user_input(request("", "application/json", "{nope")), platform::HttpError);
  BOOST_CHECK_THROW(read_user_input(request("", "application/json", "[1]")), platform::HttpError);
}

BOOST_AUTO_TEST_SUITE_END()
