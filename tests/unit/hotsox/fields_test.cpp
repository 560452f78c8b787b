#include "apps/hotsox/fields.h"

#include "platform/json.h"
#include "test_support.h"

#include <boost/test/unit_test.hpp>

#include <climits>
#include <string>

using namespace hotsox;
using namespace std::string_literals;
using platform::Date;

namespace {

// One body and its reader (the reader keeps a reference to the body).
struct Read {
  explicit Read(const std::string& json) : body(test::parse(json)), reader(body) {}
  // A body built in code (it may hold what JSON text cannot, such as bytes that are not UTF-8).
  static Read of(Json::Value value) { return Read(std::move(value), nullptr); }

  std::string error(const std::string& name) const { return test::messages_of(reader.errors(), name); }

  Json::Value body;
  FieldReader reader;

 private:
  Read(Json::Value value, std::nullptr_t) : body(std::move(value)), reader(body) {}
};

constexpr const char* kNull = "This field may not be null.";
constexpr const char* kBlank = "This field may not be blank.";
constexpr const char* kNotString = "Not a valid string.";
constexpr const char* kNotInteger = "A valid integer is required.";
constexpr const char* kNotNumber = "A valid number is required.";
constexpr const char* kNotBoolean = "Must be a valid boolean.";
constexpr const char* kBadDate = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_fields)

BOOST_AUTO_TEST_CASE(field_errors_in_drf_shape) {
  BOOST_TEST(platform::to_json(field_errors_json({})) == "{}");
  BOOST_TEST(platform::to_json(field_errors_json({{"b", {"z"}}, {"a", {"x", "y"}}})) == R"({"a":["x","y"],"b":["z"]})");
  BOOST_TEST(std::string(kRequired) == "This field is required.");
}

BOOST_AUTO_TEST_CASE(absent_required_fields_are_errors) {
  Read full("{}");
  BOOST_TEST(!full.reader.text("name", {.required = true}).has_value());
  BOOST_TEST(!full.reader.choice("gender", 8, true).has_value());
  BOOST_TEST(!full.reader.integer("holes", 0, 10, true).has_value());
  BOOST_TEST(!full.reader.date("birthday", true).has_value());
  BOOST_TEST(full.reader.nullable_text("about", {.required = true}).is_absent());
  BOOST_TEST(full.reader.errors().size() == 5u);
  for (const char* name : {"name", "gender", "holes", "birthday", "about"}) {
    BOOST_TEST(full.error(name) == "This field is required.", name);
  }

  Read optional("{}");
  BOOST_TEST(!optional.reader.text("name", {}).has_value());
  BOOST_TEST(!optional.reader.choice("gender", 8, false).has_value());
  BOOST_TEST(optional.reader.nullable_number("latitude", -90, 90).is_absent());
  BOOST_TEST(!optional.reader.boolean("notification").has_value());
  BOOST_TEST(!optional.reader.date("day", false).has_value());
  BOOST_TEST(optional.reader.errors().empty());
  BOOST_TEST(!optional.reader.present("name"));
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_an_object_has_no_fields) {
  Read list("[1, 2]");
  BOOST_TEST(!list.reader.text("name", {.required = true}).has_value());
  BOOST_TEST(list.error("name") == "This field is required.");
}

BOOST_AUTO_TEST_CASE(text_is_trimmed_unless_told_otherwise) {
  Read read(R"({"a": "  hi there \n\t", "b": "  hi  ", "c": "plain"})");
  BOOST_TEST(*read.reader.text("a", {}) == "hi there");
  BOOST_TEST(*read.reader.text("b", {.trim = false}) == "  hi  ");
  BOOST_TEST(*read.reader.text("c", {.required = true, .allow_blank = false, .max_length = 5}) == "plain");
  BOOST_TEST(read.reader.errors().empty());
  BOOST_TEST(read.reader.present("a"));
}

BOOST_AUTO_TEST_CASE(blank_text) {
  Read read(R"({"empty": "", "spaces": "   ", "kept": "   ", "allowed": ""})");
  BOOST_TEST(!read.reader.text("empty", {.allow_blank = false}).has_value());
  BOOST_TEST(!read.reader.text("spaces", {.allow_blank = false}).has_value());
  // Untrimmed, spaces are not blank.
  BOOST_TEST(*read.reader.text("kept", {.allow_blank = false, .trim = false}) == "   ");
  BOOST_TEST(*read.reader.text("allowed", {}) == "");
  BOOST_TEST(read.error("empty") == kBlank);
  BOOST_TEST(read.error("spaces") == kBlank);
  BOOST_TEST(read.error("kept") == "");
  BOOST_TEST(read.error("allowed") == "");
}

BOOST_AUTO_TEST_CASE(text_length_is_counted_in_characters) {
  Json::Value body(Json::objectValue);
  body["ascii"] = std::string(150, 'x');
  body["ascii_long"] = std::string(151, 'x');
  body["umlauts"] = repeat("\xC3\xA4", 150);       // 300 bytes, 150 characters
  body["umlauts_long"] = repeat("\xC3\xA4", 151);  // 151 characters
  body["padded"] = "  " + std::string(150, 'x') + "  ";
  body["unlimited"] = std::string(100'000, 'x');
  Read read = Read::of(body);
  const TextRule rule{.max_length = 150};
  BOOST_TEST(read.reader.text("ascii", rule)->size() == 150u);
  BOOST_TEST(!read.reader.text("ascii_long", rule).has_value());
  BOOST_TEST(read.reader.text("umlauts", rule)->size() == 300u);
  BOOST_TEST(!read.reader.text("umlauts_long", rule).has_value());
  BOOST_TEST(read.reader.text("padded", rule)->size() == 150u);  // trimmed first
  BOOST_TEST(read.reader.text("unlimited", {})->size() == 100'000u);
  BOOST_TEST(read.error("ascii_long") == "Ensure this field has no more than 150 characters.");
  BOOST_TEST(read.error("umlauts_long") == "Ensure this field has no more than 150 characters.");
  BOOST_TEST(read.reader.errors().size() == 2u);
}

BOOST_AUTO_TEST_CASE(text_of_other_types) {
  Read read(R"({"int": 42, "negative": -5, "big": 18446744073709551615, "null": null, "true": true,
                "float": 1.5, "list": ["a"], "object": {"a": "b"}})");
  // DRF's CharField takes whole numbers as their digits.
  BOOST_TEST(*read.reader.text("int", {}) == "42");
  BOOST_TEST(*read.reader.text("negative", {}) == "-5");
  BOOST_TEST(*read.reader.text("big", {}) == "18446744073709551615");
  BOOST_TEST(!read.reader.text("null", {}).has_value());
  BOOST_TEST(!read.reader.text("true", {}).has_value());
  BOOST_TEST(!read.reader.text("float", {}).has_value());
  BOOST_TEST(!read.reader.text("list", {}).has_value());
  BOOST_TEST(!read.reader.text("object", {}).has_value());
  BOOST_TEST(read.error("null") == kNull);
  for (const char* name : {"true", "float", "list", "object"}) BOOST_TEST(read.error(name) == kNotString, name);
  BOOST_TEST(read.reader.errors().size() == 5u);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_utf8) {
  Json::Value body(Json::objectValue);
  body["bad"] = "ab\xFF"s;
  body["overlong"] = "\xC0\xAF"s;
  Read read = Read::of(body);
  BOOST_TEST(!read.reader.text("bad", {}).has_value());
  BOOST_TEST(!read.reader.text("overlong", {.max_length = 10}).has_value());
  BOOST_TEST(read.error("bad") == kNotString);
  BOOST_TEST(read.error("overlong") == kNotString);
}

BOOST_AUTO_TEST_CASE(nullable_text) {
  Read read(R"({"null": null, "text": " x ", "long": "abcd", "number": 7})");
  BOOST_TEST(read.reader.nullable_text("null", {}).is_null());
  BOOST_TEST(read.reader.nullable_text("text", {}).value() == "x");
  BOOST_TEST(read.reader.nullable_text("number", {}).value() == "7");
  BOOST_TEST(read.reader.nullable_text("long", {.max_length = 3}).is_absent());
  BOOST_TEST(read.reader.nullable_text("absent", {}).is_absent());
  BOOST_TEST(read.error("long") == "Ensure this field has no more than 3 characters.");
  BOOST_TEST(read.reader.errors().size() == 1u);
}

BOOST_AUTO_TEST_CASE(choices_are_one_to_count_as_number_or_string) {
  Read read(R"({"a": 1, "b": "1", "c": 8, "d": "8", "e": "5"})");
  BOOST_TEST(*read.reader.choice("a", 8, true) == 1);
  BOOST_TEST(*read.reader.choice("b", 8, true) == 1);
  BOOST_TEST(*read.reader.choice("c", 8, true) == 8);
  BOOST_TEST(*read.reader.choice("d", 8, true) == 8);
  BOOST_TEST(*read.reader.choice("e", 8, false) == 5);
  BOOST_TEST(read.reader.errors().empty());
}

BOOST_AUTO_TEST_CASE(choices_out_of_range_or_of_other_spellings) {
  // DRF compares str(value) with "1".."N" and prints the value as Python would.
  const std::pair<const char*, const char*> cases[] = {
      {"0", R"("0" is not a valid choice.)"},
      {"9", R"("9" is not a valid choice.)"},
      {"-1", R"("-1" is not a valid choice.)"},
      {R"("0")", R"("0" is not a valid choice.)"},
      {R"("9")", R"("9" is not a valid choice.)"},
      {R"("04")", R"("04" is not a valid choice.)"},
      {R"("+4")", R"("+4" is not a valid choice.)"},
      {R"(" 4")", R"(" 4" is not a valid choice.)"},
      {R"("4 ")", R"("4 " is not a valid choice.)"},
      {R"("four")", R"("four" is not a valid choice.)"},
      {R"("")", R"("" is not a valid choice.)"},
      {"true", R"("True" is not a valid choice.)"},
      {"false", R"("False" is not a valid choice.)"},
      {"4.5", R"("4.5" is not a valid choice.)"},
      {"99999999999", R"("99999999999" is not a valid choice.)"},
  };
  for (const auto& [value, message] : cases) {
    Read read(std::string(R"({"gender": )") + value + "}");
    BOOST_TEST(!read.reader.choice("gender", 8, true).has_value(), value);
    BOOST_TEST(read.error("gender") == message, value);
  }
  Read null(R"({"gender": null})");
  BOOST_TEST(!null.reader.choice("gender", 8, false).has_value());
  BOOST_TEST(null.error("gender") == kNull);
}

BOOST_AUTO_TEST_CASE(integers_within_bounds) {
  Read read(R"({"zero": 0, "max": 32767, "text": "7", "spaced": " 7 ", "point_zero": "7.0", "point": "7.",
                "plus": "+7", "double": 7.0, "large": 100000000000000})");
  BOOST_TEST(*read.reader.integer("zero", 0, 32767, true) == 0);
  BOOST_TEST(*read.reader.integer("max", 0, 32767, true) == 32767);
  BOOST_TEST(*read.reader.integer("text", 0, 32767, true) == 7);
  BOOST_TEST(*read.reader.integer("spaced", 0, 32767, true) == 7);
  BOOST_TEST(*read.reader.integer("point_zero", 0, 32767, true) == 7);
  BOOST_TEST(*read.reader.integer("point", 0, 32767, true) == 7);
  BOOST_TEST(*read.reader.integer("plus", 0, 32767, true) == 7);
  BOOST_TEST(*read.reader.integer("double", 0, 32767, true) == 7);
  BOOST_TEST(*read.reader.integer("large", 0, LLONG_MAX, true) == 100'000'000'000'000LL);
  BOOST_TEST(read.reader.errors().empty());
}

BOOST_AUTO_TEST_CASE(integers_out_of_bounds_or_not_whole) {
  Read read(R"({"below": -1, "above": 32768, "text_above": "40000", "low": -6, "fraction": 7.5,
                "text_fraction": "7.5", "text_decimal": "7.05", "word": "seven", "empty": "", "exponent": "1e3",
                "huge": 1e99, "bool": true, "list": [1], "null": null})");
  BOOST_TEST(!read.reader.integer("below", 0, 32767, true).has_value());
  BOOST_TEST(!read.reader.integer("above", 0, 32767, true).has_value());
  BOOST_TEST(!read.reader.integer("text_above", 0, 32767, true).has_value());
  BOOST_TEST(!read.reader.integer("low", -5, 5, true).has_value());
  BOOST_TEST(read.error("below") == "Ensure this value is greater than or equal to 0.");
  BOOST_TEST(read.error("above") == "Ensure this value is less than or equal to 32767.");
  BOOST_TEST(read.error("text_above") == "Ensure this value is less than or equal to 32767.");
  BOOST_TEST(read.error("low") == "Ensure this value is greater than or equal to -5.");
  for (const char* name :
       {"fraction", "text_fraction", "text_decimal", "word", "empty", "exponent", "huge", "bool", "list"}) {
    BOOST_TEST(!read.reader.integer(name, 0, 32767, true).has_value(), name);
    BOOST_TEST(read.error(name) == kNotInteger, name);
  }
  BOOST_TEST(!read.reader.integer("null", 0, 32767, false).has_value());
  BOOST_TEST(read.error("null") == kNull);
}

BOOST_AUTO_TEST_CASE(nullable_numbers) {
  Read read(R"({"null": null, "empty": "", "spaces": "  ", "real": 53.5, "int": -7, "text": " -12.25 ",
                "min": -90, "max": 90, "above": 90.5, "below": -90.5, "far_west": -180.5, "exponent": "1e2", "word": "north",
                "nan": "nan", "inf": "inf", "bool": true, "list": [1]})");
  for (const char* name : {"null", "empty", "spaces"}) {
    BOOST_TEST(read.reader.nullable_number(name, -90, 90).is_null(), name);
  }
  BOOST_TEST(read.reader.nullable_number("real", -90, 90).value() == 53.5);
  BOOST_TEST(read.reader.nullable_number("int", -90, 90).value() == -7.0);
  BOOST_TEST(read.reader.nullable_number("text", -90, 90).value() == -12.25);
  BOOST_TEST(read.reader.nullable_number("min", -90, 90).value() == -90.0);
  BOOST_TEST(read.reader.nullable_number("max", -90, 90).value() == 90.0);
  BOOST_TEST(read.reader.nullable_number("absent", -90, 90).is_absent());
  BOOST_TEST(read.reader.errors().empty());

  BOOST_TEST(read.reader.nullable_number("above", -90, 90).is_absent());
  BOOST_TEST(read.reader.nullable_number("below", -90, 90).is_absent());
  BOOST_TEST(read.reader.nullable_number("far_west", -180, 180).is_absent());
  BOOST_TEST(read.reader.nullable_number("exponent", -90, 90).is_absent());
  BOOST_TEST(read.error("above") == "Ensure this value is less than or equal to 90.");
  BOOST_TEST(read.error("below") == "Ensure this value is greater than or equal to -90.");
  BOOST_TEST(read.error("far_west") == "Ensure this value is greater than or equal to -180.");
  BOOST_TEST(read.error("exponent") == "Ensure this value is less than or equal to 90.");
  for (const char* name : {"word", "nan", "inf", "bool", "list"}) {
    BOOST_TEST(read.reader.nullable_number(name, -90, 90).is_absent(), name);
    BOOST_TEST(read.error(name) == kNotNumber, name);
  }
}

BOOST_AUTO_TEST_CASE(booleans_in_drf_spellings) {
  const char* const truthy[] = {"true",    "1",        R"("true")", R"("True")", R"("TRUE")", R"("t")",
                                R"("T")",  R"("yes")", R"("Yes")",  R"("YES")",  R"("y")",    R"("Y")",
                                R"("on")", R"("On")",  R"("ON")",   R"("1")"};
  const char* const falsy[] = {"false",    "0",        R"("false")", R"("False")", R"("FALSE")", R"("f")",
                               R"("F")",   R"("no")",  R"("No")",    R"("NO")",    R"("n")",     R"("N")",
                               R"("off")", R"("Off")", R"("OFF")",   R"("0")"};
  for (const char* value : truthy) {
    Read read(std::string(R"({"b": )") + value + "}");
    const auto b = read.reader.boolean("b");
    BOOST_TEST((b.has_value() && *b), value);
  }
  for (const char* value : falsy) {
    Read read(std::string(R"({"b": )") + value + "}");
    const auto b = read.reader.boolean("b");
    BOOST_TEST((b.has_value() && !*b), value);
  }
  for (const char* value : {"2", "-1", R"("tRuE")", R"("")", R"("maybe")", R"(" true")", "[]", "{}"}) {
    Read read(std::string(R"({"b": )") + value + "}");
    BOOST_TEST(!read.reader.boolean("b").has_value(), value);
    BOOST_TEST(read.error("b") == kNotBoolean, value);
  }
  // DRF checks null before the value: not a boolean's own message.
  Read null(R"({"b": null})");
  BOOST_TEST(!null.reader.boolean("b").has_value());
  BOOST_TEST(null.error("b") == kNull);
}

BOOST_AUTO_TEST_CASE(dates_are_strict_iso) {
  Read read(R"({"day": "1990-05-17", "padded": " 2024-02-29 ", "leap": "2023-02-29", "month": "1990-13-01",
                "short": "1990-5-17", "german": "17.05.1990", "time": "1990-05-17T00:00:00", "number": 19900517,
                "empty": "", "null": null})");
  BOOST_TEST((*read.reader.date("day", true) == Date{1990, 5, 17}));
  BOOST_TEST((*read.reader.date("padded", true) == Date{2024, 2, 29}));
  for (const char* name : {"leap", "month", "short", "german", "time", "number", "empty"}) {
    BOOST_TEST(!read.reader.date(name, true).has_value(), name);
    BOOST_TEST(read.error(name) == kBadDate, name);
  }
  BOOST_TEST(!read.reader.date("null", false).has_value());
  BOOST_TEST(read.error("null") == kNull);
}

BOOST_AUTO_TEST_CASE(one_error_per_field_and_reader_errors_added) {
  Read read(R"({"name": ""})");
  BOOST_TEST(!read.reader.text("name", {.allow_blank = false, .max_length = 0}).has_value());
  read.reader.add_error("name", "A user with that username already exists.");
  read.reader.add_error("other", "x");
  BOOST_TEST(read.error("name") == "This field may not be blank. | A user with that username already exists.");
  BOOST_TEST(read.error("other") == "x");
}

BOOST_AUTO_TEST_CASE(usernames) {
  for (const std::string& good : {"alice"s, "a.b+c-d_e@f"s, "42"s, "\xC5\x81ukasz"s, "\xE5\x90\x8D\xE5\x89\x8D"s,
                                  std::string(150, 'x'), repeat("\xC3\xA4", 150)}) {
    BOOST_TEST(is_valid_username(good), good);
  }
  for (const std::string& bad : {std::string(), "a b"s, "a/b"s, "a!b"s, "tab\t"s, "quote'"s, std::string(151, 'x'),
                                 repeat("\xC3\xA4", 151), "smile\xF0\x9F\x98\x80"s, "\xFF"s, std::string("a\0b", 3)}) {
    BOOST_TEST(!is_valid_username(bad), bad);
  }
}

BOOST_AUTO_TEST_CASE(email_addresses) {
  const std::string local64(64, 'l');
  const std::string domain = std::string(63, 'a') + "." + std::string(63, 'b') + ".";
  const std::string at_limit = local64 + "@" + domain + std::string(57, 'c') + ".com";
  BOOST_REQUIRE(at_limit.size() == 254u);
  for (const std::string& good :
       {"a@example.com"s, "first.last+tag@sub.example.co.uk"s, "x@localhost"s, "o'brien@example.com"s,
        "a@xn--bcher-kva.example"s, "a@b-c.de"s, "!#$%&'*+/=?^_`{|}~-@example.org"s, "A@EXAMPLE.COM"s,
        local64 + "@example.com", "a@"s + std::string(63, 'd') + ".com", at_limit}) {
    BOOST_TEST(is_valid_email(good), good);
  }
  for (const char* bad :
       {"", "plain", "@example.com", "a@", "a@@example.com", ".a@example.com", "a.@example.com", "a..b@example.com",
        "a b@example.com", "a@example", "a@-example.com", "a@example-.com", "a@example.c", "a@example.123",
        "a@exa_mple.com", "a@example..com", "a@.example.com", "\xC3\xBC@example.com"}) {
    BOOST_TEST(!is_valid_email(bad), bad);
  }
  // Over the limits: a label of 64 characters, an address of 255.
  BOOST_TEST(!is_valid_email("a@" + std::string(64, 'd') + ".com"));
  BOOST_TEST(!is_valid_email(local64 + "@" + domain + std::string(58, 'c') + ".com"));
}

BOOST_AUTO_TEST_CASE(urls) {
  for (const char* good :
       {"https://instagram.com/alice", "http://example.com", "HTTPS://EXAMPLE.COM/x", "Http://example.com",
        "https://sub.example.co.uk:8443/p/a/t/h?q=1&r=2#frag", "https://example.com?q", "https://example.com#f",
        "http://127.0.0.1/", "http://255.255.255.255", "http://[::1]:8080/", "http://[2001:db8::1]",
        "http://localhost:3000", "https://xn--bcher-kva.example/", "https://example.com:1", "https://example.com:65535",
        "https://open.spotify.com/user/x%20y"}) {
    BOOST_TEST(is_valid_url(good), good);
  }
  const char* const bad_urls[] = {"javascript:alert(1)",
                                  "ftp://example.com",
                                  "https://",
                                  "https://example",
                                  "https://exa mple.com",
                                  "https://example.com/a b",
                                  "https://example.com/\x7F",
                                  "https://example.com/\t",
                                  "https://user:pw@example.com",
                                  "https://example.com:0",
                                  "https://example.com:65536",
                                  "https://example.com:",
                                  "https://example.com:+80",
                                  "https://example.com:abc",
                                  "https://256.1.1.1",
                                  "https://01.2.3.4",
                                  "https://1.2.3",
                                  "https://[::1",
                                  "https://[zz::1]",
                                  "https://[::1]x",
                                  "https://[1]",
                                  "//example.com",
                                  "example.com",
                                  "http:/example.com",
                                  "https://-a.com",
                                  "https://a_b.com"};
  for (const char* bad : bad_urls) {
    BOOST_TEST(!is_valid_url(bad), bad);
  }
  // Over the limits: a label of 64 characters, a URL of 2049.
  BOOST_TEST(!is_valid_url("https://" + std::string(64, 'a') + ".com"));
  BOOST_TEST(!is_valid_url("https://example.com/" + std::string(2029, 'p')));
  const std::string at_limit = "https://example.com/"s + std::string(2028, 'p');
  BOOST_REQUIRE(at_limit.size() == 2048u);
  BOOST_TEST(is_valid_url(at_limit));
}

BOOST_AUTO_TEST_CASE(ages_in_whole_years) {
  BOOST_TEST(age_in_years(Date{1990, 5, 17}, Date{2026, 5, 16}) == 35);
  BOOST_TEST(age_in_years(Date{1990, 5, 17}, Date{2026, 5, 17}) == 36);
  BOOST_TEST(age_in_years(Date{1990, 5, 17}, Date{2026, 4, 30}) == 35);
  BOOST_TEST(age_in_years(Date{1990, 5, 17}, Date{2026, 6, 1}) == 36);
  BOOST_TEST(age_in_years(Date{2008, 3, 10}, Date{2026, 3, 9}) == 17);
  BOOST_TEST(age_in_years(Date{2008, 3, 10}, Date{2026, 3, 10}) == 18);
  // A 29 February birthday comes on 1 March in common years, on the day in leap years.
  BOOST_TEST(age_in_years(Date{2008, 2, 29}, Date{2026, 2, 28}) == 17);
  BOOST_TEST(age_in_years(Date{2008, 2, 29}, Date{2026, 3, 1}) == 18);
  BOOST_TEST(age_in_years(Date{2008, 2, 29}, Date{2028, 2, 28}) == 19);
  BOOST_TEST(age_in_years(Date{2008, 2, 29}, Date{2028, 2, 29}) == 20);
  BOOST_TEST(age_in_years(Date{2026, 5, 17}, Date{2026, 5, 17}) == 0);
  BOOST_TEST(age_in_years(Date{2027, 1, 1}, Date{2026, 5, 17}) == -1);  // born in the future
}

BOOST_AUTO_TEST_SUITE_END()
