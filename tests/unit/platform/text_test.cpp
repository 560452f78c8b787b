#include "platform/text.h"

#include <boost/test/unit_test.hpp>

#include <limits>

using namespace platform;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(utf8_length_counts_code_points) {
  BOOST_TEST(*utf8_length("") == 0u);
  BOOST_TEST(*utf8_length("abc") == 3u);
  BOOST_TEST(*utf8_length("José") == 4u);
  BOOST_TEST(*utf8_length("Łukasz") == 6u);
  BOOST_TEST(*utf8_length("日本") == 2u);
  BOOST_TEST(*utf8_length("😀") == 1u);
}

BOOST_AUTO_TEST_CASE(utf8_length_rejects_invalid_sequences) {
  for (const std::string& bad :
       {std::string("\xC3"), std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"), std::string("\xED\xA0\x80"),
        std::string("\xF4\x90\x80\x80"), std::string("\xFF"), std::string("a\x80"), std::string("\xE6\x97")}) {
    BOOST_TEST(!utf8_length(bad).has_value());
  }
}

BOOST_AUTO_TEST_CASE(decode_utf8_gives_code_points) {
  BOOST_TEST((*decode_utf8("Zoë") == std::u32string{U'Z', U'o', U'ë'}));
  BOOST_TEST(!decode_utf8("\xE2\x82").has_value());
}

BOOST_AUTO_TEST_CASE(letters_are_unicode_letter_categories) {
  for (char32_t letter : {U'a', U'Z', U'é', U'ë', U'Ł', U'ß', U'Ω', U'日', U'ǅ', U'ʰ', U'ж', U'א'}) {
    BOOST_TEST(is_unicode_letter(letter), static_cast<unsigned>(letter));
  }
  // Digits of any script, numerals, marks, symbols and punctuation are not letters.
  for (char32_t other : {U'0', U'9', U'_', U'-', U' ', U'.', U'٣', U'Ⅻ', U'²', U'\u093E', U'\u0301', U'€', U'😀'}) {
    BOOST_TEST(!is_unicode_letter(other), static_cast<unsigned>(other));
  }
  BOOST_TEST(!is_unicode_letter(0x10FFFF));
  BOOST_TEST(!is_unicode_letter(0));
}

BOOST_AUTO_TEST_CASE(parse_integer_takes_the_whole_text_or_nothing) {
  BOOST_TEST(platform::parse_integer("42").value() == 42);
  BOOST_TEST(platform::parse_integer("-7").value() == -7);
  BOOST_TEST(platform::parse_integer("007").value() == 7);
  BOOST_TEST(platform::parse_integer("9223372036854775807").value() == 9223372036854775807LL);
  for (const char* bad : {"", "+5", " 5", "5 ", "1.5", "1e3", "abc", "12abc", "-", "9223372036854775808"}) {
    BOOST_TEST(!platform::parse_integer(bad).has_value(), "'" << bad << "' is refused");
  }
}

BOOST_AUTO_TEST_CASE(parse_integer_keeps_to_its_type_and_base) {
  BOOST_TEST(platform::parse_integer<int>("2147483647").value() == 2147483647);
  BOOST_TEST(!platform::parse_integer<int>("2147483648").has_value());
  BOOST_TEST(!platform::parse_integer<unsigned>("-1").has_value());
  BOOST_TEST(platform::parse_integer<long>("0755", 8).value() == 493);
  BOOST_TEST(!platform::parse_integer<long>("8", 8).has_value());
}

BOOST_AUTO_TEST_CASE(parse_python_int_reads_what_pythons_int_reads) {
  BOOST_TEST(platform::parse_python_int("+1").value() == 1);
  BOOST_TEST(platform::parse_python_int(" 7\t\n").value() == 7);
  BOOST_TEST(platform::parse_python_int("-0").value() == 0);
  BOOST_TEST(platform::parse_python_int("1_000").value() == 1000);
  BOOST_TEST(platform::parse_python_int("\x1c 12 \x1f").value() == 12);
  BOOST_TEST(platform::parse_python_int("-9_223_372_036_854_775_808").value() == std::numeric_limits<long long>::min());
  for (const char* bad :
       {"", " ", "+", "+-1", "_1", "1_", "1__0", "1 0", "1.0", "1e3", "0x10", "١", "99999999999999999999"}) {
    BOOST_TEST(!platform::parse_python_int(bad).has_value(), "'" << bad << "' is refused");
  }
}

BOOST_AUTO_TEST_SUITE_END()
