#include "apps/hotsox/sock_input.h"

#include "platform/json.h"
#include "test_support.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace hotsox;
using platform::Date;

namespace {

const Date kToday{2026, 3, 10};

// The HTTP test's sock, with `extra` (a JSON object's members) added or replacing its fields.
Json::Value sock_body(const std::string& extra = "") {
  return test::with_members(test::parse(R"({"info_name": "Lefty", "info_color": 3, "info_fabric": "2",
      "info_fabric_thickness": 2, "info_brand": 4, "info_type": 1, "info_size": 3, "info_age": 2,
      "info_condition": 5, "info_holes": 1, "info_kilometers": 100, "info_inoutdoor": 2, "info_washed": 10,
      "info_special": "smells of cinnamon"})"),
                            extra);
}

platform::Expected<SockFields, FieldErrors> create(const Json::Value& body) {
  return read_sock_input(body, new_sock_defaults(kToday));
}

// The errors as "field: message | message; field: ..."; "" when the input is valid.
std::string errors_of(const platform::Expected<SockFields, FieldErrors>& result) {
  if (result) return "";
  std::string out;
  for (const auto& [name, messages] : result.error()) {
    out += (out.empty() ? "" : "; ") + name + ":";
    for (std::size_t i = 0; i < messages.size(); ++i) out += (i == 0 ? " " : " | ") + messages[i];
  }
  return out;
}

const SockFields& fields_of(const platform::Expected<SockFields, FieldErrors>& result) {
  BOOST_REQUIRE_MESSAGE(result.has_value(), errors_of(result));
  return *result;
}

// A stored sock, as an update starts from.
SockFields stored() {
  SockFields s;
  s.info_name = "Righty";
  s.info_about = "the other one";
  s.info_color = 10;
  s.info_fabric = 7;
  s.info_fabric_thickness = 6;
  s.info_brand = 13;
  s.info_type = 9;
  s.info_size = 5;
  s.info_age = 4;
  s.info_separation_date = Date{2025, 12, 24};
  s.info_condition = 12;
  s.info_holes = 3;
  s.info_kilometers = 250;
  s.info_inoutdoor = 9;
  s.info_washed = 40;
  s.info_special = "a darned heel";
  return s;
}

// Each choice of SPEC.md § HotSox with its largest value.
const std::pair<const char*, int> kChoices[] = {
    {"info_color", 10}, {"info_fabric", 7}, {"info_fabric_thickness", 7}, {"info_brand", 13},
    {"info_type", 9},   {"info_size", 7},   {"info_condition", 12},       {"info_inoutdoor", 9},
};
const char* const kCounts[] = {"info_age", "info_holes", "info_kilometers", "info_washed"};

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_sock_input)

BOOST_AUTO_TEST_CASE(a_valid_sock) {
  const auto result = create(sock_body(R"("info_about": "  warm  ", "info_separation_date": "2026-01-31")"));
  const SockFields& s = fields_of(result);
  BOOST_TEST(s.info_name == "Lefty");
  BOOST_TEST(s.info_about == "warm");
  BOOST_TEST(s.info_color == 3);
  BOOST_TEST(s.info_fabric == 2);
  BOOST_TEST(s.info_fabric_thickness == 2);
  BOOST_TEST(s.info_brand == 4);
  BOOST_TEST(s.info_type == 1);
  BOOST_TEST(s.info_size == 3);
  BOOST_TEST(s.info_age == 2);
  BOOST_TEST((s.info_separation_date == Date{2026, 1, 31}));
  BOOST_TEST(s.info_condition == 5);
  BOOST_TEST(s.info_holes == 1);
  BOOST_TEST(s.info_kilometers == 100);
  BOOST_TEST(s.info_inoutdoor == 2);
  BOOST_TEST(s.info_washed == 10);
  BOOST_TEST(s.info_special == "smells of cinnamon");
}

BOOST_AUTO_TEST_CASE(defaults_of_a_new_sock) {
  const SockFields d = new_sock_defaults(kToday);
  BOOST_TEST((d.info_separation_date == kToday));
  BOOST_TEST(d.info_name == "");
  BOOST_TEST(d.info_about == "");
  BOOST_TEST(d.info_special == "");
  BOOST_TEST(platform::to_json(sock_fields_json(d)) ==
             R"({"info_about":"","info_age":0,"info_brand":"1","info_color":"1","info_condition":"1",)"
             R"("info_fabric":"1","info_fabric_thickness":"1","info_holes":0,"info_inoutdoor":"1",)"
             R"("info_kilometers":0,"info_name":"","info_separation_date":"2026-03-10","info_size":"1",)"
             R"("info_special":"","info_type":"1","info_washed":0})");
  // Without a separation date a new sock was separated today; info_about may be left out.
  const SockFields s = fields_of(create(sock_body()));
  BOOST_TEST((s.info_separation_date == kToday));
  BOOST_TEST(s.info_about == "");
}

BOOST_AUTO_TEST_CASE(a_new_sock_needs_fourteen_fields) {
  BOOST_TEST(errors_of(create(test::parse("{}"))) ==
             "info_age: This field is required.; info_brand: This field is required.; "
             "info_color: This field is required.; info_condition: This field is required.; "
             "info_fabric: This field is required.; info_fabric_thickness: This field is required.; "
             "info_holes: This field is required.; info_inoutdoor: This field is required.; "
             "info_kilometers: This field is required.; info_name: This field is required.; "
             "info_size: This field is required.; info_special: This field is required.; "
             "info_type: This field is required.; info_washed: This field is required.");
}

BOOST_AUTO_TEST_CASE(the_http_tests_bad_sock) {
  const std::string special(251, 'x');
  BOOST_TEST(errors_of(create(test::parse(R"({"info_name": "", "info_color": 11, "info_fabric": 0, "info_special": ")" +
                                          special + "\"}"))) ==
             "info_age: This field is required.; info_brand: This field is required.; "
             R"(info_color: "11" is not a valid choice.; info_condition: This field is required.; )"
             R"(info_fabric: "0" is not a valid choice.; info_fabric_thickness: This field is required.; )"
             "info_holes: This field is required.; info_inoutdoor: This field is required.; "
             "info_kilometers: This field is required.; info_name: This field may not be blank.; "
             "info_size: This field is required.; "
             "info_special: Ensure this field has no more than 250 characters.; "
             "info_type: This field is required.; info_washed: This field is required.");
}

BOOST_AUTO_TEST_CASE(choices_have_the_ranges_of_the_spec) {
  for (const auto& [name, largest] : kChoices) {
    const std::string field = std::string("\"") + name + "\": ";
    const std::string largest_text = std::to_string(largest);
    const SockFields at_max = fields_of(create(sock_body(field + largest_text)));
    BOOST_TEST(sock_fields_json(at_max)[name].asString() == largest_text, name);
    const SockFields as_text = fields_of(create(sock_body(field + "\"" + largest_text + "\"")));
    BOOST_TEST(sock_fields_json(as_text)[name].asString() == largest_text, name);
    const SockFields at_min = fields_of(create(sock_body(field + "\"1\"")));
    BOOST_TEST(sock_fields_json(at_min)[name].asString() == "1", name);

    const std::string above = std::to_string(largest + 1);
    BOOST_TEST(
        errors_of(create(sock_body(field + above))) == std::string(name) + ": \"" + above + "\" is not a valid choice.",
        name);
    BOOST_TEST(errors_of(create(sock_body(field + "0"))) == std::string(name) + ": \"0\" is not a valid choice.", name);
    BOOST_TEST(errors_of(create(sock_body(field + "null"))) == std::string(name) + ": This field may not be null.",
               name);
  }
}

BOOST_AUTO_TEST_CASE(counts_are_small_non_negative_integers) {
  for (const char* name : kCounts) {
    const std::string field = std::string("\"") + name + "\": ";
    BOOST_TEST(sock_fields_json(fields_of(create(sock_body(field + "0"))))[name].asInt() == 0, name);
    BOOST_TEST(sock_fields_json(fields_of(create(sock_body(field + "32767"))))[name].asInt() == 32767, name);
    BOOST_TEST(sock_fields_json(fields_of(create(sock_body(field + "\"12\""))))[name].asInt() == 12, name);
    BOOST_TEST(errors_of(create(sock_body(field + "-1"))) ==
                   std::string(name) + ": Ensure this value is greater than or equal to 0.",
               name);
    BOOST_TEST(errors_of(create(sock_body(field + "32768"))) ==
                   std::string(name) + ": Ensure this value is less than or equal to 32767.",
               name);
    BOOST_TEST(errors_of(create(sock_body(field + "1.5"))) == std::string(name) + ": A valid integer is required.",
               name);
    BOOST_TEST(errors_of(create(sock_body(field + "\"many\""))) == std::string(name) + ": A valid integer is required.",
               name);
  }
}

BOOST_AUTO_TEST_CASE(texts_and_dates) {
  BOOST_TEST(errors_of(create(sock_body(R"("info_name": "   ")"))) == "info_name: This field may not be blank.");
  BOOST_TEST(errors_of(create(sock_body(R"("info_name": ")" + std::string(256, 'n') + "\""))) ==
             "info_name: Ensure this field has no more than 255 characters.");
  BOOST_TEST(fields_of(create(sock_body(R"("info_name": ")" + std::string(255, 'n') + "\""))).info_name.size() == 255u);
  BOOST_TEST(errors_of(create(sock_body(R"("info_special": "")"))) == "info_special: This field may not be blank.");
  BOOST_TEST(errors_of(create(sock_body(R"("info_special": null)"))) == "info_special: This field may not be null.");
  // 250 characters of two bytes each are within the limit.
  std::string umlauts;
  for (int i = 0; i < 250; ++i) umlauts += "\xC3\xA4";
  BOOST_TEST(fields_of(create(sock_body(R"("info_special": ")" + umlauts + "\""))).info_special == umlauts);
  BOOST_TEST(errors_of(create(sock_body(R"("info_special": ")" + umlauts + "x\""))) ==
             "info_special: Ensure this field has no more than 250 characters.");
  BOOST_TEST(errors_of(create(sock_body(R"("info_about": ")" + std::string(2001, 'a') + "\""))) ==
             "info_about: Ensure this field has no more than 2000 characters.");
  BOOST_TEST(fields_of(create(sock_body(R"("info_about": ")" + std::string(2000, 'a') + "\""))).info_about.size() ==
             2000u);
  BOOST_TEST(errors_of(create(sock_body(R"("info_separation_date": "2026-02-30")"))) ==
             "info_separation_date: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
  BOOST_TEST(errors_of(create(sock_body(R"("info_separation_date": null)"))) ==
             "info_separation_date: This field may not be null.");
}

BOOST_AUTO_TEST_CASE(an_update_is_full_and_keeps_absent_optional_fields) {
  // PUT is a full update (SPEC-hotsox.md § 1.4): nothing sent is 14 required fields missing.
  const std::string nothing = errors_of(read_sock_input(test::parse("{}"), stored()));
  BOOST_TEST(nothing.find("info_name: This field is required.") != std::string::npos);
  BOOST_TEST(nothing.find("info_special: This field is required.") != std::string::npos);
  BOOST_TEST(errors_of(read_sock_input(test::parse(R"({"info_holes": 4})"), stored())).find("info_holes") ==
             std::string::npos);

  // Every required field from the body; the absent optional ones keep the stored values.
  const SockFields updated = fields_of(read_sock_input(sock_body(), stored()));
  BOOST_TEST(updated.info_name == "Lefty");
  BOOST_TEST(updated.info_color == 3);
  BOOST_TEST(updated.info_holes == 1);
  BOOST_TEST(updated.info_about == "the other one");
  BOOST_TEST(platform::format_iso_date(updated.info_separation_date) == "2025-12-24");

  const SockFields dated =
      fields_of(read_sock_input(sock_body(R"("info_about": "", "info_separation_date": "2026-03-01")"), stored()));
  BOOST_TEST(dated.info_about.empty());
  BOOST_TEST(platform::format_iso_date(dated.info_separation_date) == "2026-03-01");

  BOOST_TEST(errors_of(read_sock_input(sock_body(R"("info_holes": -4, "info_name": "")"), stored())) ==
             "info_holes: Ensure this value is greater than or equal to 0.; info_name: This field may not be blank.");
}

BOOST_AUTO_TEST_CASE(read_only_and_unknown_fields_are_ignored) {
  const SockFields s = fields_of(read_sock_input(
      sock_body(R"("id": 5, "owner": 9, "info_joining_date": "2000-01-01", "profile_picture": [], "colour": 99)"),
      stored()));
  BOOST_TEST(platform::to_json(sock_fields_json(s)) ==
             platform::to_json(sock_fields_json(fields_of(read_sock_input(sock_body(), stored())))));
}

BOOST_AUTO_TEST_CASE(sock_as_the_api_shows_it) {
  // Choices as strings ("1".."N"), counts as numbers, the date in ISO form.
  BOOST_TEST(platform::to_json(sock_fields_json(stored())) ==
             R"({"info_about":"the other one","info_age":4,"info_brand":"13","info_color":"10",)"
             R"("info_condition":"12","info_fabric":"7","info_fabric_thickness":"6","info_holes":3,)"
             R"("info_inoutdoor":"9","info_kilometers":250,"info_name":"Righty",)"
             R"("info_separation_date":"2025-12-24","info_size":"5","info_special":"a darned heel",)"
             R"("info_type":"9","info_washed":40})");
}

BOOST_AUTO_TEST_SUITE_END()
