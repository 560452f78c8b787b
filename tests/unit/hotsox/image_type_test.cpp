#include "apps/hotsox/image_type.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace hotsox;
using namespace std::string_literals;

namespace {

// The first bytes of real files (a 1×1 PNG, a JFIF and an Exif JPEG, lossy,
// lossless and extended WebP), then some data.
const std::string kPng = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0"s;
const std::string kJfif = "\xFF\xD8\xFF\xE0\0\x10JFIF\0"s;
const std::string kExif =
    "\xFF\xD8\xFF\xE1\x12\x34"
    "Exif\0\0"s;
const std::string kWebpLossy = "RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0"s;
const std::string kWebpLossless = "RIFF\x1A\0\0\0WEBPVP8L\x0D\0\0\0"s;
const std::string kWebpExtended = "RIFF\x4A\0\0\0WEBPVP8X\x0A\0\0\0"s;

std::string sniffed(std::string_view content) {
  const auto type = sniff_image_type(content);
  return type ? std::string(image_extension(*type)) : "none";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_image_type)

BOOST_AUTO_TEST_CASE(real_headers_are_recognised) {
  BOOST_TEST(sniffed(kPng) == "png");
  BOOST_TEST(sniffed(kJfif) == "jpg");
  BOOST_TEST(sniffed(kExif) == "jpg");
  BOOST_TEST(sniffed(kWebpLossy) == "webp");
  BOOST_TEST(sniffed(kWebpLossless) == "webp");
  BOOST_TEST(sniffed(kWebpExtended) == "webp");
  BOOST_TEST(sniffed(kPng + std::string(1024, '\0')) == "png");
}

BOOST_AUTO_TEST_CASE(extensions) {
  BOOST_TEST(image_extension(ImageType::kJpeg) == "jpg");
  BOOST_TEST(image_extension(ImageType::kPng) == "png");
  BOOST_TEST(image_extension(ImageType::kWebp) == "webp");
}

BOOST_AUTO_TEST_CASE(shortest_accepted_inputs) {
  // JPEG: FF D8 FF and one more byte (the marker); PNG and WebP: 16 bytes.
  BOOST_TEST(sniffed("\xFF\xD8\xFF\xDB"s) == "jpg");
  BOOST_TEST(sniffed("\xFF\xD8\xFF"s) == "none");
  BOOST_TEST(sniffed(kPng.substr(0, 16)) == "png");
  BOOST_TEST(sniffed(kPng.substr(0, 15)) == "none");
  BOOST_TEST(sniffed(kWebpLossy.substr(0, 16)) == "webp");
  BOOST_TEST(sniffed(kWebpLossy.substr(0, 15)) == "none");
}

BOOST_AUTO_TEST_CASE(empty_and_truncated_inputs) {
  BOOST_TEST(sniffed("") == "none");
  BOOST_TEST(sniffed("\0"s) == "none");
  for (std::size_t length = 0; length < 16; ++length) {
    BOOST_TEST(sniffed(kPng.substr(0, length)) == "none", length);
    BOOST_TEST(sniffed(kWebpExtended.substr(0, length)) == "none", length);
  }
  for (std::size_t length = 0; length < 4; ++length) BOOST_TEST(sniffed(kJfif.substr(0, length)) == "none", length);
}

BOOST_AUTO_TEST_CASE(lookalikes_are_refused) {
  const std::pair<const char*, std::string> lookalikes[] = {
      {"JPEG without its third byte", "\xFF\xD8\xFE\xE0\0\x10JFIF\0"s},
      {"JPEG magic one byte late", "\0\xFF\xD8\xFF\xE0\0\x10JFIF\0"s},
      {"PNG through a text-mode transfer", "\x89PNG\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x01\0\0\0\x01\x08\x02"s},
      {"PNG signature without IHDR first", "\x89PNG\r\n\x1A\n\0\0\0\x0DIDAT\0\0\0\x01\0\0\0\x01\x08\x02"s},
      {"PNG with ihdr in lower case", "\x89PNG\r\n\x1A\n\0\0\0\x0Dihdr\0\0\0\x01\0\0\0\x01\x08\x02"s},
      {"MNG", "\x8AMNG\r\n\x1A\n\0\0\0\x1CMHDR\0\0\0\x01\0\0\0\x01"s},
      {"WAV (RIFF of another form)", "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0"s},
      {"a VP8 chunk in a RIFF of another form", "RIFF\x24\0\0\0WAVEVP8 \x18\0\0\0"s},
      {"AVI", "RIFF\x24\0\0\0AVI LIST\x10\0\0\0"s},
      {"WebP with an unknown chunk", "RIFF\x24\0\0\0WEBPVP9 \x18\0\0\0"s},
      {"WebP with vp8 in lower case", "RIFF\x24\0\0\0WEBPvp8 \x18\0\0\0"s},
      {"big-endian RIFX", "RIFX\0\0\0\x24WEBPVP8 \x18\0\0\0"s},
      {"GIF", "GIF89a\x01\0\x01\0\x80\0\0\0\0\0"s},
      {"BMP", "BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0"s},
      {"SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"s},
      {"PHP named .png", "<?php echo 'not an image'; ?>"s},
      {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"s},
      {"the name of a format", "PNG image data, JPEG, WEBP"s},
  };
  for (const auto& [label, content] : lookalikes) BOOST_TEST(sniffed(content) == "none", label);
}

BOOST_AUTO_TEST_SUITE_END()
