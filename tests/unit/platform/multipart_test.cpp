#include "platform/multipart.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace platform;

namespace {

using Parts = std::vector<MultipartPart>;

const Parts* parts_of(const platform::Expected<Parts, std::string>& parsed) { return parsed ? &*parsed : nullptr; }

std::string part(const std::string& headers, const std::string& data) {
  return "--b\r\n" + headers + "\r\n\r\n" + data + "\r\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(platform_multipart)

BOOST_AUTO_TEST_CASE(boundaries_from_the_content_type) {
  BOOST_TEST(*multipart_boundary("multipart/form-data; boundary=XyZ") == "XyZ");
  BOOST_TEST(*multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b");
  BOOST_TEST(*multipart_boundary("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxk") ==
             "----WebKitFormBoundary7MA4YWxk");
  for (const char* bad : {"application/json", "multipart/form-data", "multipart/form-data; boundary=",
                          "multipart/mixed; boundary=b", "multipart/form-data; boundary=\"unclosed"}) {
    BOOST_TEST(!multipart_boundary(bad).has_value(), bad);
  }
  BOOST_TEST(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')).has_value());
  BOOST_TEST(!multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')).has_value());
}

BOOST_AUTO_TEST_CASE(parts_with_names_files_and_types) {
  const std::string body = "preamble\r\n" + part("Content-Disposition: form-data; name=\"title\"", "my sock") +
                           part(
                               "Content-Disposition: form-data; name=\"profile_picture\"; filename=\"a b.png\"\r\n"
                               "Content-Type: Image/PNG",
                               std::string("\x89PNG\r\nx--b\0x", 13)) +
                           "--b--\r\nepilogue";
  const auto parsed = parse_multipart(body, "b");
  const Parts* parts = parts_of(parsed);
  BOOST_REQUIRE(parts != nullptr);
  BOOST_REQUIRE_EQUAL(parts->size(), 2u);
  BOOST_TEST((*parts)[0].name == "title");
  BOOST_TEST(!(*parts)[0].filename.has_value());
  BOOST_TEST((*parts)[0].data == "my sock");
  BOOST_TEST((*parts)[1].name == "profile_picture");
  BOOST_TEST(*(*parts)[1].filename == "a b.png");
  BOOST_TEST((*parts)[1].content_type == "image/png");
  // A boundary inside a line stays data, and so do NUL bytes.
  BOOST_TEST((*parts)[1].data == std::string_view(std::string("\x89PNG\r\nx--b\0x", 13)));
  // Parts are views into the body.
  BOOST_TEST(((*parts)[1].data.data() >= body.data() && (*parts)[1].data.data() < body.data() + body.size()));
}

BOOST_AUTO_TEST_CASE(malformed_bodies_are_refused) {
  const std::string good = part("Content-Disposition: form-data; name=\"a\"", "x");
  const std::vector<std::string> bodies = {
      std::string(),                                                          // empty
      good,                                                                   // no closing boundary
      std::string("--b--\r\n").substr(0, 3),                                  // cut short
      "--c\r\n\r\nx\r\n--c--\r\n",                                            // another boundary
      "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--b--\r\n",  // headers never end
      "--b\r\nNo-Colon\r\n\r\nx\r\n--b--\r\n",                                // a header without a colon
      part("Content-Type: text/plain", "x") + "--b--\r\n",                    // no Content-Disposition
      part("Content-Disposition: attachment; name=\"a\"", "x") + "--b--\r\n",
      part("Content-Disposition: form-data; name=\"a", "x") + "--b--\r\n",  // unclosed quote
  };
  for (const std::string& bad : bodies) {
    BOOST_TEST(!parse_multipart(bad, "b").has_value(), bad.substr(0, 60));
  }
}

BOOST_AUTO_TEST_CASE(limits_on_parts_and_header_size) {
  std::string many;
  for (int i = 0; i < 17; ++i) many += part("Content-Disposition: form-data; name=\"p" + std::to_string(i) + "\"", "x");
  many += "--b--\r\n";
  BOOST_TEST(!parse_multipart(many, "b").has_value());
  BOOST_TEST(parts_of(parse_multipart(many, "b", {.max_parts = 17})) != nullptr);

  const std::string huge =
      part("Content-Disposition: form-data; name=\"a\"\r\nX-Long: " + std::string(9000, 'a'), "x") + "--b--\r\n";
  BOOST_TEST(!parse_multipart(huge, "b").has_value());
}

BOOST_AUTO_TEST_CASE(header_values_with_parameters) {
  const auto value = parse_header_value("form-data; name=\"a\"; filename=\"b \\\"c\\\".png\"; X=1");
  BOOST_REQUIRE(value.has_value());
  BOOST_TEST(value->value == "form-data");
  BOOST_TEST(*value->parameter("name") == "a");
  BOOST_TEST(*value->parameter("filename") == "b \"c\".png");
  BOOST_TEST(*value->parameter("x") == "1");
  BOOST_TEST(!value->parameter("missing").has_value());
  BOOST_TEST(!parse_header_value("form-data; name=\"unclosed").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
