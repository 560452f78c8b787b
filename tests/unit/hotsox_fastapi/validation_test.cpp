#include "apps/hotsox_fastapi/validation.h"
#include "apps/hotsox_fastapi/inputs.h"
#include "platform/json.h"

#include <boost/test/unit_test.hpp>

#include <limits>

using namespace hotsox_fastapi;

namespace {

// Any JSON value, scalars included (wrapped in an array for the parser).
Json::Value json(std::string_view text) { return platform::parse_json("[" + std::string(text) + "]").value()[0]; }

const platform::Date kToday{2026, 12, 2};

// "loc[1]:type" of each problem, in order.
std::string summary(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems.items()) {
    if (!out.empty()) out += " ";
    out += problem.loc[1].asString() + ":" + problem.type;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_fastapi_validation)

BOOST_AUTO_TEST_CASE(ints_coerce_as_pydantic_v1_does) {
  BOOST_TEST(parse_int(json("5")).value.value() == 5);
  BOOST_TEST(parse_int(json("5.9")).value.value() == 5);  // int() cuts the fraction
  BOOST_TEST(parse_int(json("-5.9")).value.value() == -5);
  BOOST_TEST(parse_int(json("\" 42 \"")).value.value() == 42);
  BOOST_TEST(parse_int(json("true")).value.value() == 1);
  BOOST_TEST(parse_int_text("+7").value.value() == 7);
  for (const char* bad : {"\"4x\"", "\"\"", "null", "[]", "{}", "\"1.5\"", "1e300"}) {
    const auto parsed = parse_int(json(bad));
    BOOST_TEST(!parsed.value, bad);
    BOOST_TEST(parsed.refusal->msg == "value is not a valid integer");
    BOOST_TEST(parsed.refusal->type == "type_error.integer");
  }
}

BOOST_AUTO_TEST_CASE(bools_take_pydantic_words_in_any_case) {
  for (const char* yes : {"1", "on", "t", "true", "y", "yes", "TRUE", "Yes", "On"})
    BOOST_TEST(parse_bool_text(yes).value.value() == true, yes);
  for (const char* no : {"0", "off", "f", "false", "n", "no", "FALSE", "No"})
    BOOST_TEST(parse_bool_text(no).value.value() == false, no);
  for (const char* bad : {"", "2", "maybe", "truee", " true"}) {
    const auto parsed = parse_bool_text(bad);
    BOOST_TEST(!parsed.value, bad);
    BOOST_TEST(parsed.refusal->msg == "value could not be parsed to a boolean");
    BOOST_TEST(parsed.refusal->type == "type_error.bool");
  }
  BOOST_TEST(parse_bool(json("1")).value.value() == true);
  BOOST_TEST(parse_bool(json("0")).value.value() == false);
  BOOST_TEST(!parse_bool(json("2")).value);
  BOOST_TEST(!parse_bool(json("null")).value);
}

BOOST_AUTO_TEST_CASE(strings_accept_numbers_but_not_bools) {
  BOOST_TEST(parse_str(json("\"x\"")).value.value() == "x");
  BOOST_TEST(parse_str(json("12")).value.value() == "12");
  BOOST_TEST(parse_str(json("true")).refusal->type == "type_error.str");
}

BOOST_AUTO_TEST_CASE(limits_carry_their_value_in_ctx) {
  const auto low = check_range(0, 1, std::nullopt);
  BOOST_TEST(low->msg == "ensure this value is greater than or equal to 1");
  BOOST_TEST(low->type == "value_error.number.not_ge");
  BOOST_TEST(low->ctx["limit_value"].asInt() == 1);
  const auto high = check_range(11, 1, 10);
  BOOST_TEST(high->msg == "ensure this value is less than or equal to 10");
  BOOST_TEST(high->type == "value_error.number.not_le");
  BOOST_TEST(!check_range(10, 1, 10));
  BOOST_TEST(check_length("abcdefg", 8, 0)->msg == "ensure this value has at least 8 characters");
  BOOST_TEST(check_length(std::string(256, 'x'), 0, 255)->type == "value_error.any_str.max_length");
  BOOST_TEST(!check_length("äöü", 0, 3));  // characters, not bytes
  BOOST_TEST(check_float_range(90.5, -90, 90)->msg == "ensure this value is less than or equal to 90");
}

BOOST_AUTO_TEST_CASE(the_422_body_is_fastapis_list) {
  Problems problems;
  problems.add({location("body", "password"), "field required", "value_error.missing"});
  problems.add({location("query", "size"), "ensure this value is less than or equal to 100",
                "value_error.number.not_le", json(R"({"limit_value":100})")});
  const Json::Value body = problems.json();
  BOOST_TEST(
      platform::to_json(body) ==
      R"({"detail":[{"loc":["body","password"],"msg":"field required","type":"value_error.missing"},)"
      R"({"ctx":{"limit_value":100},"loc":["query","size"],"msg":"ensure this value is less than or equal to 100",)"
      R"("type":"value_error.number.not_le"}]})");
  try {
    problems.throw_if_any();
    BOOST_FAIL("expected a 422");
  } catch (const platform::HttpError& error) {
    BOOST_TEST(error.status() == 422);
    BOOST_TEST(error.body().has_value());
  }
  Problems none;
  BOOST_CHECK_NO_THROW(none.throw_if_any());
}

BOOST_AUTO_TEST_CASE(pagination_maths) {
  Problems problems;
  const PageParams defaults = read_page_params(platform::Params{}, problems);
  BOOST_TEST(defaults.page == 1);
  BOOST_TEST(defaults.size == 50);
  BOOST_TEST(defaults.offset() == 0);
  const PageParams third = read_page_params(platform::Params::parse("page=3&size=7"), problems);
  BOOST_TEST(third.offset() == 14);
  BOOST_TEST(problems.empty());
  const Json::Value page = page_json(third, 15, Json::Value(Json::arrayValue));
  BOOST_TEST(page["pages"].asInt() == 3);  // ceil(15 / 7)
  BOOST_TEST(page["total"].asInt() == 15);
  BOOST_TEST(page_json(defaults, 0, Json::Value(Json::arrayValue))["pages"].asInt() == 0);
  BOOST_TEST(page_json(defaults, 100, Json::Value(Json::arrayValue))["pages"].asInt() == 2);

  PageParams far;
  far.page = std::numeric_limits<long long>::max();
  BOOST_TEST(far.offset() == std::numeric_limits<long long>::max());  // saturates, never negative

  read_page_params(platform::Params::parse("page=0&size=101"), problems);
  BOOST_TEST(summary(problems) == "page:value_error.number.not_ge size:value_error.number.not_le");
  Problems words;
  read_page_params(platform::Params::parse("page=x&size=0"), words);
  BOOST_TEST(summary(words) == "page:type_error.integer size:value_error.number.not_ge");
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_json_is_its_only_problem) {
  platform::Request request;
  request.body = "{\"info_name\": \"Jürgen\",\n \"info_age\": }";
  Problems problems;
  read_sock_input(json_body(request, problems), kToday, problems);
  // FastAPI: RequestValidationError([ErrorWrapper(e, ("body", e.pos))]) of
  // json.JSONDecodeError e; pydantic v1: msg str(e), ctx e.__dict__.
  BOOST_TEST(
      platform::to_json(problems.json()) ==
      R"json({"detail":[{"ctx":{"colno":14,"doc":"{\"info_name\": \"Jürgen\",\n \"info_age\": }","lineno":2,)json"
      R"json("msg":"Expecting value","pos":37},"loc":["body",37],)json"
      R"json("msg":"Expecting value: line 2 column 14 (char 37)","type":"value_error.jsondecode"}]})json");

  request.body = "";  // no body at all: every required field is missing
  Problems empty;
  read_sock_input(json_body(request, empty), kToday, empty);
  BOOST_TEST(summary(empty) ==
             "info_name:value_error.missing info_age:value_error.missing info_holes:value_error.missing "
             "info_kilometers:value_error.missing info_washed:value_error.missing info_special:value_error.missing");

  request.body = " ";  // not empty: json.loads(b" ") fails
  Problems blank;
  json_body(request, blank);
  BOOST_TEST(blank.items().size() == 1u);
  BOOST_TEST(blank.items()[0].msg == "Expecting value: line 1 column 2 (char 1)");

  request.body = "\xEF\xBB\xBF[1,]";  // json.loads(bytes) drops a UTF-8 BOM; positions count after it
  Problems bom;
  json_body(request, bom);
  BOOST_TEST(bom.items().size() == 1u);
  BOOST_TEST(bom.items()[0].loc[1].asInt() == 3);
  BOOST_TEST(bom.items()[0].ctx["doc"].asString() == "[1,]");
}

BOOST_AUTO_TEST_CASE(a_body_python_cannot_decode_is_fastapis_400) {
  for (const std::string& body :
       {std::string("{\"a\": \"\xff\"}"), std::string("{\"a\": 1}\xc3"), "[" + std::string(4301, '1') + "]"}) {
    platform::Request request;
    request.body = body;
    Problems problems;
    try {
      json_body(request, problems);
      BOOST_FAIL("no error");
    } catch (const platform::HttpError& error) {
      BOOST_TEST(error.status() == 400);
      BOOST_REQUIRE(error.body());
      BOOST_TEST(platform::to_json(*error.body()) == R"({"detail":"There was an error parsing the body"})");
    }
  }
}

BOOST_AUTO_TEST_CASE(path_parameters_are_typed) {
  platform::Request request;
  request.path_params = {{"id", "12"}, {"bad", "1x"}, {"receiver", "ann"}, {"bytes", "\xff"}};
  Problems problems;
  BOOST_TEST(path_int(request, "id", problems).value() == 12);
  BOOST_TEST(path_text(request, "receiver", problems).value() == "ann");
  BOOST_TEST(problems.empty());
  BOOST_TEST(!path_int(request, "bad", problems));
  BOOST_TEST(!path_text(request, "bytes", problems));
  BOOST_TEST(summary(problems) == "bad:type_error.integer bytes:type_error.str");
  BOOST_TEST(problems.items()[0].loc[0].asString() == "path");
}

BOOST_AUTO_TEST_CASE(adulthood_by_rounded_years) {
  BOOST_TEST(is_adult({2008, 12, 2}, kToday));    // 18 today
  BOOST_TEST(!is_adult({2008, 12, 10}, kToday));  // 17.98 years
  BOOST_TEST(is_adult({2008, 12, 3}, kToday));    // 17.996 years round to 18.00 (the original's rule)
  BOOST_TEST(!is_adult({2008, 12, 4}, kToday));   // 17.994 years round to 17.99
  BOOST_TEST(!is_adult({2030, 1, 1}, kToday));    // not born yet
}

BOOST_AUTO_TEST_CASE(create_user_reads_defaults_and_every_problem) {
  Problems problems;
  const UserInput input = read_user_input(
      json(R"({"username":"ann","password":"long enough","email":"ann@example.com","info_birthday":"1990-01-01",)"
           R"("location_city":"Kiel"})"),
      UserModel::kCreate, hotsox::Profile{}, kToday, problems);
  BOOST_TEST(problems.empty());
  BOOST_TEST(input.profile.info_gender == 1);
  BOOST_TEST(input.profile.notification == true);
  BOOST_TEST(input.profile.social_spotify.value() == "https://open.spotify.com/");
  BOOST_TEST(input.profile.location_latitude.value() == 0.0);
  BOOST_TEST(input.password.value() == "long enough");

  Problems bad;
  read_user_input(json(R"({"username":null,"email":"x","password":"short","info_birthday":"2020-13-01",)"
                       R"("info_gender":"9","notification":"maybe","location_latitude":91})"),
                  UserModel::kCreate, hotsox::Profile{}, kToday, bad);
  BOOST_TEST(summary(bad) ==
             "username:value_error.missing password:value_error.any_str.min_length email:value_error.email "
             "info_birthday:value_error.date info_gender:value_error.number.not_le location_city:value_error.missing "
             "location_latitude:value_error.number.not_le notification:type_error.bool");
}

BOOST_AUTO_TEST_CASE(edit_user_changes_only_what_is_sent) {
  hotsox::Profile current = new_user_defaults();
  current.username = "ann";
  current.first_name = "Ann";
  Problems problems;
  const UserInput input =
      read_user_input(json(R"({"last_name":"Lee","unknown":1})"), UserModel::kEdit, current, kToday, problems);
  BOOST_TEST(problems.empty());
  BOOST_TEST(input.profile.username == "ann");
  BOOST_TEST(input.profile.first_name == "Ann");
  BOOST_TEST(input.profile.last_name == "Lee");
  BOOST_TEST(!input.password);
  Problems blanked;
  const UserInput cleared = read_user_input(json(R"({"first_name":null,"last_name":null,"info_about":null})"),
                                            UserModel::kEdit, current, kToday, blanked);
  BOOST_TEST(blanked.empty());
  BOOST_TEST(cleared.profile.first_name.empty());
  BOOST_TEST(cleared.profile.last_name.empty());
  BOOST_TEST(cleared.profile.info_about.empty());
  Problems young;
  read_user_input(json(R"({"info_birthday":"2010-01-01","info_gender":null})"), UserModel::kEdit, current, kToday,
                  young);
  BOOST_TEST(summary(young) == "info_birthday:value_error info_gender:type_error.none.not_allowed");
  BOOST_TEST(young.items()[0].msg == "You must be at least 18 years old!");
}

BOOST_AUTO_TEST_CASE(sock_input_is_a_full_replacement) {
  Problems problems;
  const hotsox::SockFields sock = read_sock_input(
      json(
          R"({"info_name":"n","info_special":"s","info_age":"3","info_holes":0,"info_kilometers":5.0,"info_washed":1})"),
      kToday, problems);
  BOOST_TEST(problems.empty());
  BOOST_TEST(sock.info_color == 1);
  BOOST_TEST(sock.info_age == 3);
  BOOST_TEST(sock.info_kilometers == 5);
  BOOST_TEST(sock.info_about.empty());
  BOOST_TEST((sock.info_separation_date == kToday));

  // null where the original could not store one: the default (SPEC-hotsox.md § 2.3).
  Problems nulls;
  const hotsox::SockFields defaulted = read_sock_input(
      json(R"({"info_name":"n","info_special":"s","info_age":3,"info_holes":0,"info_kilometers":5,"info_washed":1,)"
           R"("info_about":null,"info_separation_date":null})"),
      kToday, nulls);
  BOOST_TEST(nulls.empty());
  BOOST_TEST(defaulted.info_about.empty());
  BOOST_TEST((defaulted.info_separation_date == kToday));

  Problems bad;
  read_sock_input(json(R"({"info_color":0,"info_special":"x","info_age":32768,"info_holes":-1})"), kToday, bad);
  BOOST_TEST(
      summary(bad) ==
      "info_name:value_error.missing info_color:value_error.number.not_ge info_age:value_error.number.not_le "
      "info_holes:value_error.number.not_ge info_kilometers:value_error.missing info_washed:value_error.missing");
  Problems not_object;
  read_sock_input(json("[1]"), kToday, not_object);
  BOOST_TEST(not_object.items().at(0).type == "type_error.dict");
}

BOOST_AUTO_TEST_SUITE_END()
