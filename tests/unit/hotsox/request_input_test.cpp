#include "apps/hotsox/request_input.h"

#include "apps/hotsox/fields.h"
#include "platform/json.h"
#include "platform/multipart.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace hotsox;
using namespace std::string_literals;
using platform::HttpError;
using platform::Params;
using platform::Request;

namespace {

// How a call was refused: the status and the whole JSON body (or "no error").
struct Refusal {
  int status = 0;
  std::string body = "no error";
};
template <typename Call>
Refusal refusal(Call&& call) {
  try {
    call();
  } catch (const HttpError& error) {
    return {error.status(), error.body() ? platform::to_json(*error.body()) : "code " + error.code()};
  }
  return {};
}

Request with_body(const std::string& content_type, std::string body) {
  Request request;
  if (!content_type.empty()) request.headers.emplace_back("content-type", content_type);
  request.body = std::move(body);
  return request;
}

std::string body_of(const Request& request) { return platform::to_json(read_body(request)); }

Params page(const std::string& value) { return Params({{"page", value}}); }

constexpr const char* kMultipart = "multipart/form-data; boundary=XyZ";

// One multipart part with the boundary XyZ.
std::string part(const std::string& disposition, const std::string& data, const std::string& type = "") {
  return "--XyZ\r\nContent-Disposition: form-data; " + disposition + (type.empty() ? "" : "\r\nContent-Type: " + type) +
         "\r\n\r\n" + data + "\r\n";
}
std::string file_part(const std::string& data, const std::string& name = "profile_picture") {
  return part("name=\"" + name + "\"; filename=\"sock.png\"", data, "image/png");
}
constexpr const char* kEnd = "--XyZ--\r\n";

const std::string kPng = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0"s;
const std::string kJpeg = "\xFF\xD8\xFF\xE0\0\x10JFIF\0"s;
const std::string kWebp = "RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0"s;

// {"profile_picture": [message]}
std::string picture_error(const std::string& message) {
  return platform::to_json(field_errors_json({{"profile_picture", {message}}}));
}

// DRF's ImageField wording, word for word.
const std::string kDrfInvalidImage =
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_request_input)

BOOST_AUTO_TEST_CASE(ids_are_whole_numbers_from_one) {
  BOOST_TEST(*parse_id("1") == 1);
  BOOST_TEST(*parse_id("42") == 42);
  BOOST_TEST(*parse_id("007") == 7);
  BOOST_TEST(*parse_id("999999999999999999") == 999'999'999'999'999'999LL);  // 18 digits
  for (const char* bad : {"", "0", "000", "-1", "+1", "1.5", "1e3", " 1", "1 ", "abc", "1;DROP", "0x10",
                          "1000000000000000000"}) {  // 19 digits
    BOOST_TEST(!parse_id(bad).has_value(), bad);
  }
  BOOST_TEST(!parse_id(std::string_view("1\0", 2)).has_value());
}

BOOST_AUTO_TEST_CASE(page_windows) {
  const auto window = [](const Params& query, long long count) {
    const PageWindow w = page_window(query, count);
    return std::to_string(w.page) + "@" + std::to_string(w.offset);
  };
  BOOST_TEST(kPageSize == 20);               // the original's PAGE_SIZE
  BOOST_TEST(window(Params(), 0) == "1@0");  // page 1 always exists
  BOOST_TEST(window(Params(), 195) == "1@0");
  BOOST_TEST(window(page("1"), 0) == "1@0");
  BOOST_TEST(window(page("2"), 21) == "2@20");
  BOOST_TEST(window(page("10"), 195) == "10@180");
  BOOST_TEST(window(page("10"), 200) == "10@180");
  BOOST_TEST(window(page("02"), 21) == "2@20");
  BOOST_TEST(window(page("last"), 0) == "1@0");
  BOOST_TEST(window(page("last"), 20) == "1@0");
  BOOST_TEST(window(page("last"), 21) == "2@20");
  BOOST_TEST(window(page("last"), 195) == "10@180");
  // The last value of a repeated parameter counts, as Django's QueryDict reads it.
  BOOST_TEST(window(Params({{"page", "9"}, {"page", "2"}}), 40) == "2@20");
  // Django's paginator reads the number with Python's int().
  BOOST_TEST(window(page(" 2"), 40) == "2@20");
  BOOST_TEST(window(page("+2"), 40) == "2@20");
  BOOST_TEST(window(page("0_2"), 40) == "2@20");
}

BOOST_AUTO_TEST_CASE(pages_that_do_not_exist_are_drfs_404) {
  // An empty ?page= too, as older DRF releases answer it (newer ones read it as page 1).
  const std::pair<const char*, long long> cases[] = {
      {"2", 0},    {"2", 20},   {"11", 200},  {"999999", 25}, {"0", 25},   {"-1", 25},
      {"abc", 25}, {"1.0", 25}, {"Last", 25}, {"%FF", 25},    {"1 1", 25}, {"1000000000000000000", 25},
      {"", 25}};
  for (const auto& [value, count] : cases) {
    const Refusal r = refusal([&] { page_window(page(value), count); });
    BOOST_TEST(r.status == 404, value);
    BOOST_TEST(r.body == R"({"detail":"Invalid page."})", value);
  }
}

BOOST_AUTO_TEST_CASE(page_bodies_link_like_drf) {
  const std::string url = "http://example.org:8080/api/v1/user/socks/";
  const auto body = [&](long long page_number, long long count) {
    Json::Value results(Json::arrayValue);
    results.append(1);
    return platform::to_json(page_json(url, PageWindow{page_number, (page_number - 1) * kPageSize}, count, results));
  };
  BOOST_TEST(body(1, 0) == R"({"count":0,"next":null,"previous":null,"results":[1]})");
  BOOST_TEST(body(1, 20) == R"({"count":20,"next":null,"previous":null,"results":[1]})");
  BOOST_TEST(body(1, 21) == R"({"count":21,"next":")" + url + R"(?page=2","previous":null,"results":[1]})");
  // The link back to page 1 has no parameter.
  BOOST_TEST(body(2, 60) == R"({"count":60,"next":")" + url + R"(?page=3","previous":")" + url + R"(","results":[1]})");
  BOOST_TEST(body(3, 60) == R"({"count":60,"next":null,"previous":")" + url + R"(?page=2","results":[1]})");
  BOOST_TEST(body(3, 61) ==
             R"({"count":61,"next":")" + url + R"(?page=4","previous":")" + url + R"(?page=2","results":[1]})");
}

BOOST_AUTO_TEST_CASE(absolute_urls_name_the_host_the_client_asked) {
  platform::Request request;
  request.path = "/api/v1/users/";
  request.headers = {{"host", "127.0.0.1:8181"}};
  BOOST_TEST(absolute_url(request) == "http://127.0.0.1:8181/api/v1/users/");
  request.headers.push_back({"x-forwarded-proto", "https"});
  BOOST_TEST(absolute_url(request) == "https://127.0.0.1:8181/api/v1/users/");
  request.headers.clear();
  BOOST_TEST(absolute_url(request) == "http://localhost/api/v1/users/");
}

BOOST_AUTO_TEST_CASE(json_bodies) {
  BOOST_TEST(body_of(with_body("", "")) == "{}");
  BOOST_TEST(body_of(with_body("application/json", R"({"a": 1, "b": "x"})")) == R"({"a":1,"b":"x"})");
  BOOST_TEST(body_of(with_body("Application/JSON; charset=utf-8", R"({"a": 1})")) == R"({"a":1})");
  // Without a Content-Type a body is read as JSON.
  BOOST_TEST(body_of(with_body("", R"({"a": 1})")) == R"({"a":1})");
}

BOOST_AUTO_TEST_CASE(an_empty_body_is_no_data_whatever_its_type) {
  // DRF does not parse a body of length 0: it is empty data, not a parse error or a 415.
  for (const char* type : {"application/json", "application/x-www-form-urlencoded", kMultipart, "text/plain"}) {
    BOOST_TEST(body_of(with_body(type, "")) == "{}", type);
  }
}

BOOST_AUTO_TEST_CASE(json_that_is_not_an_object) {
  const Refusal list = refusal([&] { read_body(with_body("application/json", "[1, 2]")); });
  BOOST_TEST(list.status == 400);
  BOOST_TEST(list.body == R"({"non_field_errors":["Invalid data. Expected a dictionary, but got list."]})");
  // json.loads takes any value at the top; DRF's serializer then names its type.
  for (const auto& [json, type] : {std::pair{R"( "text")", "str"}, std::pair{"42", "int"}, std::pair{"4.5", "float"},
                                   std::pair{"true", "bool"}, std::pair{"null", "NoneType"}}) {
    const Refusal r = refusal([body = json] { read_body(with_body("application/json", body)); });
    BOOST_TEST(r.status == 400, json);
    BOOST_TEST(r.body == R"({"non_field_errors":["Invalid data. Expected a dictionary, but got )"s + type + ".\"]}",
               json);
  }
}

BOOST_AUTO_TEST_CASE(malformed_json) {
  // DRF's JSONParser: 'JSON parse error - %s' % str(exc) of CPython's json.loads.
  const std::pair<const char*, const char*> cases[] = {
      {R"({"username": x})", "Expecting value: line 1 column 14 (char 13)"},
      {"{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
      {R"({"a": 1,})", "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"},
      {R"({"a": 1} x)", "Extra data: line 1 column 10 (char 9)"},
      {"{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
      {"{\n  \"name\": \"J\u00fcrgen\",\n  \"age\": 4x\n}", "Expecting ',' delimiter: line 3 column 11 (char 32)"},
      {"\xEF\xBB\xBF{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"},
      // STRICT_JSON: rest_framework.utils.json.strict_constant
      {R"({"a": NaN})", "Out of range float values are not JSON compliant: 'NaN'"},
      // codecs' UTF-8 stream reader: a UnicodeDecodeError is a ValueError too
      {"{\"a\": \"\xff\"}", "'utf-8' codec can't decode byte 0xff in position 7: invalid start byte"},
      // ... which leaves an incomplete last character unread
      {"{\"a\": 1,\xc3", "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"},
  };
  for (const auto& [json, text] : cases) {
    const Refusal r = refusal([body = json] { read_body(with_body("application/json", body)); });
    BOOST_TEST(r.status == 400, json);
    BOOST_TEST(r.body == R"({"detail":"JSON parse error - )"s + text + "\"}", json);
  }
  BOOST_TEST(read_body(with_body("application/json", "{\"a\": 1}\xc3"))["a"].asInt() == 1);
  // Python takes a NUL, but no text here may hold one: our own words then.
  const Refusal nul = refusal([&] { read_body(with_body("application/json", R"({"a": "\u0000"})")); });
  BOOST_TEST(nul.status == 400);
  BOOST_TEST(nul.body == R"({"detail":"JSON parse error - the body is not valid JSON"})");
  const Refusal deep = refusal([&] { read_body(with_body("application/json", std::string(5000, '['))); });
  BOOST_TEST(deep.status == 400);
  BOOST_TEST(deep.body == R"json({"detail":"JSON parse error - Expecting value: line 1 column 5001 (char 5000)"})json");
}

BOOST_AUTO_TEST_CASE(other_media_types_are_415) {
  for (const char* type : {"text/plain", "application/xml", "application/vnd.api+json", "multipart/mixed"}) {
    const Refusal r = refusal([&] { read_body(with_body(type, "a=1")); });
    BOOST_TEST(r.status == 415, type);
    BOOST_TEST(r.body == std::string(R"({"detail":"Unsupported media type \")") + type + R"(\" in request."})", type);
  }
}

BOOST_AUTO_TEST_CASE(form_bodies) {
  // The first value of a repeated name counts; every value is a string.
  BOOST_TEST(body_of(with_body("application/x-www-form-urlencoded", "a=1&b=two+words&a=3&c=%C3%A4")) ==
             "{\"a\":\"1\",\"b\":\"two words\",\"c\":\"\xC3\xA4\"}");
  BOOST_TEST(refusal([&] { read_body(with_body("application/x-www-form-urlencoded", "a=%ZZ")); }).status == 400);
}

BOOST_AUTO_TEST_CASE(multipart_bodies_give_their_text_fields) {
  const std::string body = part("name=\"info_name\"", "Lefty") + part("name=\"info_holes\"", "3") +
                           part("name=\"info_name\"", "second") + file_part(kPng) + kEnd;
  BOOST_TEST(body_of(with_body(kMultipart, body)) == R"({"info_holes":"3","info_name":"Lefty"})");

  const Refusal no_boundary = refusal([&] { read_body(with_body("multipart/form-data", body)); });
  BOOST_TEST(no_boundary.status == 400);
  BOOST_TEST(no_boundary.body == R"({"detail":"Multipart form parse error - Invalid boundary in multipart"})");

  const std::string unclosed = part("name=\"a\"", "b");
  const auto parsed = platform::parse_multipart(unclosed, "XyZ");
  BOOST_REQUIRE(!parsed.has_value());
  const Refusal malformed = refusal([&] { read_body(with_body(kMultipart, unclosed)); });
  BOOST_TEST(malformed.status == 400);
  BOOST_TEST(malformed.body == R"({"detail":"Multipart form parse error - )" + parsed.error() + "\"}");

  for (const std::string& data : {"a\0b"s, "\xFF"s}) {
    const Refusal binary = refusal([&] { read_body(with_body(kMultipart, part("name=\"x\"", data) + kEnd)); });
    BOOST_TEST(binary.status == 400);
    BOOST_TEST(binary.body == R"({"detail":"Multipart form parse error - field x is not UTF-8 text"})");
  }
}

BOOST_AUTO_TEST_CASE(picture_uploads_of_each_type) {
  const std::pair<std::string, std::string_view> cases[] = {{kPng, "png"}, {kJpeg, "jpg"}, {kWebp, "webp"}};
  for (const auto& [image, extension] : cases) {
    const std::string body = part("name=\"note\"", "hello") + file_part(image) + kEnd;
    const PictureUpload upload = read_picture_upload(kMultipart, body);
    BOOST_TEST(image_extension(upload.type) == extension);
    BOOST_TEST(upload.content == image);
    // A view into the body, not a copy.
    BOOST_TEST((upload.content.data() >= body.data() && upload.content.data() < body.data() + body.size()));
  }
  // The media type's case does not matter; the type the client claims for the file does not either.
  const std::string claimed_text = part(R"(name="profile_picture"; filename="x.txt")", kJpeg, "text/plain") + kEnd;
  BOOST_TEST(image_extension(read_picture_upload("Multipart/Form-Data; boundary=XyZ", claimed_text).type) == "jpg");
}

BOOST_AUTO_TEST_CASE(picture_field_choice) {
  // A text field of the same name before the file is passed over; of two files the first counts.
  const std::string body =
      part(R"(name="profile_picture")", "text") + file_part(kJpeg) + file_part(kPng) + file_part(kPng, "other") + kEnd;
  const PictureUpload upload = read_picture_upload(kMultipart, body);
  BOOST_TEST(upload.content == kJpeg);

  BOOST_TEST(refusal([&] { read_picture_upload(kMultipart, file_part(kPng, "other") + kEnd); }).body ==
             picture_error("No file was submitted."));
  BOOST_TEST(refusal([&] { read_picture_upload(kMultipart, kEnd); }).body == picture_error("No file was submitted."));
  BOOST_TEST(refusal([&] { read_picture_upload(kMultipart, part(R"(name="profile_picture")", kPng) + kEnd); }).body ==
             picture_error("The submitted data was not a file. Check the encoding type on the form."));
}

BOOST_AUTO_TEST_CASE(picture_contents_are_checked) {
  const Refusal empty = refusal([&] { read_picture_upload(kMultipart, file_part("") + kEnd); });
  BOOST_TEST(empty.status == 400);
  BOOST_TEST(empty.body == picture_error("The submitted file is empty."));
  for (const std::string& content :
       {"<?php echo 'not an image'; ?>"s, "GIF89a\x01\0\x01\0\x80\0\0\0\0\0"s, kPng.substr(0, 15), "\xFF\xD8\xFF"s}) {
    const Refusal r = refusal([&] { read_picture_upload(kMultipart, file_part(content) + kEnd); });
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body == picture_error(kDrfInvalidImage));
  }
}

BOOST_AUTO_TEST_CASE(picture_size_limit) {
  BOOST_TEST(kMaxPictureBytes == 5u * 1024 * 1024);
  BOOST_TEST(kMaxUploadBodyBytes == kMaxPictureBytes + 64u * 1024);
  std::string largest = kJpeg;
  largest.resize(kMaxPictureBytes, '\0');
  BOOST_TEST(read_picture_upload(kMultipart, file_part(largest) + kEnd).content.size() == kMaxPictureBytes);
  std::string too_large = largest + "x";
  const Refusal r = refusal([&] { read_picture_upload(kMultipart, file_part(too_large) + kEnd); });
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.body == picture_error("The file is too large: at most 5 MB (5242880 bytes)."));
  // The framing of the largest picture fits the route's body limit with room to spare.
  BOOST_TEST((file_part(largest) + kEnd).size() < kMaxUploadBodyBytes);
}

BOOST_AUTO_TEST_CASE(uploads_that_are_not_multipart) {
  const Refusal json = refusal([&] { read_picture_upload("application/json", "{}"); });
  BOOST_TEST(json.status == 415);
  BOOST_TEST(json.body == R"({"detail":"Unsupported media type \"application/json\" in request."})");
  const Refusal form = refusal([&] { read_picture_upload("application/x-www-form-urlencoded; charset=utf-8", "a=1"); });
  BOOST_TEST(form.status == 415);
  BOOST_TEST(form.body == R"({"detail":"Unsupported media type \"application/x-www-form-urlencoded\" in request."})");
  BOOST_TEST(refusal([&] { read_picture_upload("", ""); }).status == 415);
}

BOOST_AUTO_TEST_CASE(malformed_multipart_uploads) {
  for (const char* type :
       {"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unclosed"}) {
    const Refusal r = refusal([&] { read_picture_upload(type, file_part(kPng) + kEnd); });
    BOOST_TEST(r.status == 400, type);
    BOOST_TEST(r.body == picture_error("The multipart body has no valid boundary."), type);
  }
  const std::string unclosed = file_part(kPng);
  const auto parsed = platform::parse_multipart(unclosed, "XyZ");
  BOOST_REQUIRE(!parsed.has_value());
  const Refusal r = refusal([&] { read_picture_upload(kMultipart, unclosed); });
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.body == picture_error("The multipart body is malformed: " + parsed.error() + "."));
  // Another boundary than the one announced: no part is found.
  BOOST_TEST(refusal([&] {
               read_picture_upload("multipart/form-data; boundary=Other", file_part(kPng) + kEnd);
             }).status == 400);
}

BOOST_AUTO_TEST_SUITE_END()
