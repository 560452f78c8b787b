#include "jobs/email.h"

#include <boost/test/unit_test.hpp>

using namespace jobs;
using namespace std::chrono_literals;

namespace {

constexpr std::time_t kMonday = 1795392000;  // 2026-11-23 00:00:00 UTC

std::string header(const std::string& message, const std::string& name) {
  const auto start = message.find("\r\n" + name + ": ");
  if (start == std::string::npos) return "";
  const auto value = start + name.size() + 4;
  return message.substr(value, message.find("\r\n", value) - value);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jobs_email)

BOOST_AUTO_TEST_CASE(a_message_has_every_header_and_crlf_lines) {
  const Email email{"HotSox <hotsox@example.com>", "ann@example.com", "You have a match with ben",
                    "Please visit HotSox to check your new match :)"};
  const std::string message = format_message(email, "42", kMonday);
  BOOST_TEST(message.rfind("Message-ID: <job-42@example.com>\r\n", 0) == 0);
  BOOST_TEST(header(message, "Date") == "Mon, 23 Nov 2026 00:00:00 +0000");
  BOOST_TEST(header(message, "From") == "HotSox <hotsox@example.com>");
  BOOST_TEST(header(message, "To") == "ann@example.com");
  BOOST_TEST(header(message, "Subject") == "You have a match with ben");
  BOOST_TEST(header(message, "Content-Type") == "text/plain; charset=UTF-8");
  BOOST_TEST(message.find("\r\n\r\nPlease visit HotSox to check your new match :)\r\n") != std::string::npos);
  // Every line ends in CRLF: no bare LF anywhere.
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\n') BOOST_TEST((i > 0 && message[i - 1] == '\r'));
  }
}

BOOST_AUTO_TEST_CASE(the_message_id_is_the_same_for_every_attempt) {
  const Email email{"hotsox@example.com", "a@example.com", "s", "b"};
  BOOST_TEST(header(format_message(email, "7", kMonday), "Message-ID") ==
             header(format_message(email, "7", kMonday + 3600), "Message-ID"));
  BOOST_TEST(message_id("7", "no-domain") == "<job-7@localhost>");
  BOOST_TEST(message_id("7", "Name <x@mail.example.org>") == "<job-7@mail.example.org>");
}

BOOST_AUTO_TEST_CASE(line_breaks_never_reach_a_header) {
  const Email email{"hotsox@example.com", "a@example.com\r\nBcc: victim@example.com",
                    "hello\r\nBcc: victim@example.com", "body"};
  const std::string message = format_message(email, "1", kMonday);
  BOOST_TEST(message.find("\r\nBcc:") == std::string::npos);
  BOOST_TEST(header(message, "Subject") == "hello  Bcc: victim@example.com");
}

BOOST_AUTO_TEST_CASE(non_ascii_subjects_are_encoded_words) {
  const Email email{"hotsox@example.com", "a@example.com", "Grüße an José", "Körper"};
  const std::string message = format_message(email, "1", kMonday);
  BOOST_TEST(header(message, "Subject") == "=?UTF-8?B?R3LDvMOfZSBhbiBKb3PDqQ==?=");
  BOOST_TEST(message.find("Grüße") == std::string::npos);               // headers stay ASCII
  BOOST_TEST(message.find("\r\n\r\nKörper\r\n") != std::string::npos);  // the body is 8-bit UTF-8

  // A long subject: several encoded words on folded lines, none over 78
  // characters, never splitting a character.
  std::string many;
  for (int i = 0; i < 40; ++i) many += "é";
  const std::string folded = format_message({"h@example.com", "a@example.com", many, "b"}, "1", kMonday);
  const auto start = folded.find("Subject: ");
  const std::string field = folded.substr(start, folded.find("\r\nMIME-Version") - start);
  BOOST_TEST(field.find("\r\n =?UTF-8?B?") != std::string::npos);
  std::size_t line_start = 0;
  while (line_start < field.size()) {
    const auto line_end = std::min(field.find("\r\n", line_start), field.size());
    BOOST_TEST(line_end - line_start <= 78u);
    line_start = line_end + 2;
  }
}

BOOST_AUTO_TEST_CASE(the_address_inside_a_mailbox) {
  BOOST_TEST(address_of("HotSox <hotsox@example.com>") == "hotsox@example.com");
  BOOST_TEST(address_of("plain@example.com") == "plain@example.com");
}

BOOST_AUTO_TEST_CASE(retries_wait_twice_as_long_each_time_up_to_an_hour) {
  BOOST_TEST(retry_delay(1, 2000ms).count() == 2000);
  BOOST_TEST(retry_delay(2, 2000ms).count() == 4000);
  BOOST_TEST(retry_delay(3, 2000ms).count() == 8000);
  BOOST_TEST(retry_delay(5, 2000ms).count() == 32000);
  BOOST_TEST(retry_delay(40, 2000ms).count() == 3600000);
  BOOST_TEST(retry_delay(0, 100ms).count() == 100);
}

BOOST_AUTO_TEST_SUITE_END()
