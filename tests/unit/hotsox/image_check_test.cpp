#include "apps/hotsox/image_check.h"

#include <jpeglib.h>
#include <webp/encode.h>
#include <zlib.h>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace hotsox;
using Verdict = ImageCheck::Verdict;

namespace {

// --- PNG files written by hand, as an attacker would -----------------------------------------------

std::string be32(std::uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
          static_cast<char>(value)};
}

std::string chunk(const std::string& kind, const std::string& data) {
  const std::string typed = kind + data;
  const auto crc = crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
  return be32(static_cast<std::uint32_t>(data.size())) + typed + be32(static_cast<std::uint32_t>(crc));
}

std::string deflate(const std::string& raw) {
  uLongf size = compressBound(raw.size());
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9);
  out.resize(size);
  return out;
}

std::string ihdr(std::uint32_t width, std::uint32_t height, int bit_depth, int colour, int interlace = 0) {
  return chunk("IHDR", be32(width) + be32(height) +
                           std::string{static_cast<char>(bit_depth), static_cast<char>(colour), 0, 0,
                                       static_cast<char>(interlace)});
}

const std::string kSignature = "\x89PNG\r\n\x1A\n";

// An RGB picture of `width` x `height`, every row filter 0.
std::string png_rgb(std::uint32_t width, std::uint32_t height) {
  std::string raw;
  for (std::uint32_t y = 0; y < height; ++y) {
    raw += '\0';
    for (std::uint32_t x = 0; x < width; ++x) raw += std::string{static_cast<char>(x), static_cast<char>(y), '\x80'};
  }
  return kSignature + ihdr(width, height, 8, 2) + chunk("IDAT", deflate(raw)) + chunk("IEND", "");
}

// A one-bit grey picture: large in pixels, small in bytes.
std::string png_bilevel(std::uint32_t width, std::uint32_t height) {
  const std::string row = '\0' + std::string((width + 7) / 8, '\x55');
  std::string raw;
  for (std::uint32_t y = 0; y < height; ++y) raw += row;
  return kSignature + ihdr(width, height, 1, 0) + chunk("IDAT", deflate(raw)) + chunk("IEND", "");
}

// --- JPEG and WebP from their encoders -------------------------------------------------------------

std::vector<unsigned char> rgb_pixels(int width, int height) {
  std::vector<unsigned char> pixels;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      pixels.push_back(static_cast<unsigned char>(x * 7));
      pixels.push_back(static_cast<unsigned char>(y * 5));
      pixels.push_back(static_cast<unsigned char>(x ^ y));
    }
  }
  return pixels;
}

std::string jpeg(int width, int height, bool progressive = false) {
  jpeg_compress_struct encoder{};
  jpeg_error_mgr errors{};
  encoder.err = jpeg_std_error(&errors);
  jpeg_create_compress(&encoder);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&encoder, &buffer, &size);
  encoder.image_width = static_cast<JDIMENSION>(width);
  encoder.image_height = static_cast<JDIMENSION>(height);
  encoder.input_components = 3;
  encoder.in_color_space = JCS_RGB;
  jpeg_set_defaults(&encoder);
  if (progressive) jpeg_simple_progression(&encoder);
  jpeg_start_compress(&encoder, TRUE);
  std::vector<unsigned char> pixels = rgb_pixels(width, height);
  while (encoder.next_scanline < encoder.image_height) {
    JSAMPROW row =
        pixels.data() + static_cast<std::size_t>(encoder.next_scanline) * static_cast<std::size_t>(width) * 3;
    jpeg_write_scanlines(&encoder, &row, 1);
  }
  jpeg_finish_compress(&encoder);
  jpeg_destroy_compress(&encoder);
  std::string out(reinterpret_cast<char*>(buffer), size);
  std::free(buffer);
  return out;
}

std::string webp(int width, int height, bool lossless) {
  const std::vector<unsigned char> pixels = rgb_pixels(width, height);
  std::uint8_t* out = nullptr;
  const std::size_t size = lossless ? WebPEncodeLosslessRGB(pixels.data(), width, height, width * 3, &out)
                                    : WebPEncodeRGB(pixels.data(), width, height, width * 3, 80, &out);
  std::string file(reinterpret_cast<char*>(out), size);
  WebPFree(out);
  return file;
}

ImageCheck checked(const std::string& content, ImageType type) { return check_image(content, type); }

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_image_check)

BOOST_AUTO_TEST_CASE(whole_pictures_of_each_format_pass) {
  const ImageCheck png = checked(png_rgb(16, 12), ImageType::kPng);
  BOOST_TEST(png.valid());
  BOOST_TEST(png.width == 16u);
  BOOST_TEST(png.height == 12u);
  BOOST_TEST(checked(png_rgb(1, 1), ImageType::kPng).valid());
  BOOST_TEST(checked(jpeg(40, 30), ImageType::kJpeg).valid());
  BOOST_TEST(checked(jpeg(40, 30, /*progressive=*/true), ImageType::kJpeg).valid());
  BOOST_TEST(checked(webp(40, 30, /*lossless=*/false), ImageType::kWebp).valid());
  BOOST_TEST(checked(webp(40, 30, /*lossless=*/true), ImageType::kWebp).valid());
  const ImageCheck wide = checked(webp(200, 3, false), ImageType::kWebp);  // scaled down in one direction only
  BOOST_TEST(wide.valid());
  BOOST_TEST(wide.width == 200u);
}

BOOST_AUTO_TEST_CASE(an_interlaced_png_is_decoded_in_all_seven_passes) {
  std::string raw;
  // Adam7 of 2x2, 8-bit grey: passes 1 (1 pixel), 6 (1 pixel), 7 (2 pixels), one row each.
  raw += std::string("\0\x10", 2) + std::string("\0\x20", 2) + std::string("\0\x30\x40", 3);
  const std::string whole = kSignature + ihdr(2, 2, 8, 0, 1) + chunk("IDAT", deflate(raw)) + chunk("IEND", "");
  BOOST_TEST(checked(whole, ImageType::kPng).valid());
  const std::string short_of_a_pass =
      kSignature + ihdr(2, 2, 8, 0, 1) + chunk("IDAT", deflate(raw.substr(0, 4))) + chunk("IEND", "");
  BOOST_TEST(!checked(short_of_a_pass, ImageType::kPng).valid());
}

BOOST_AUTO_TEST_CASE(the_pixel_bound_is_checked_before_decoding) {
  // The attack's header: 100000 x 100000 and no data at all.
  const std::string header_only = kSignature + ihdr(100000, 100000, 8, 2);
  const ImageCheck huge = checked(header_only, ImageType::kPng);
  BOOST_TEST((huge.verdict == Verdict::kTooManyPixels));
  BOOST_TEST(huge.width == 100000u);
  // A decompression bomb: 65535 x 65535 RGBA whose first megabytes of zeros inflate from a few kilobytes.
  const std::string bomb =
      kSignature + ihdr(65535, 65535, 8, 6) + chunk("IDAT", deflate(std::string(8 << 20, '\0'))) + chunk("IEND", "");
  BOOST_TEST(bomb.size() < 20000u);
  BOOST_TEST((checked(bomb, ImageType::kPng).verdict == Verdict::kTooManyPixels));
  // Exactly at the bound passes, one column more does not; so does a side over the bound.
  BOOST_TEST(checked(png_bilevel(4096, 4096), ImageType::kPng).valid());
  BOOST_TEST((checked(png_bilevel(4097, 4096), ImageType::kPng).verdict == Verdict::kTooManyPixels));
  BOOST_TEST((checked(png_bilevel(16385, 1), ImageType::kPng).verdict == Verdict::kTooManyPixels));
  // A JPEG whose frame header claims 60000 x 60000.
  std::string large_jpeg = jpeg(8, 8);
  const std::size_t frame = large_jpeg.find("\xFF\xC0");
  BOOST_REQUIRE(frame != std::string::npos);
  large_jpeg.replace(frame + 5, 4, std::string("\xEA\x60\xEA\x60", 4));
  BOOST_TEST((checked(large_jpeg, ImageType::kJpeg).verdict == Verdict::kTooManyPixels));
}

BOOST_AUTO_TEST_CASE(truncated_or_damaged_pictures_are_corrupt) {
  BOOST_TEST((checked(std::string("\xFF\xD8\xFF\x00", 4), ImageType::kJpeg).verdict == Verdict::kCorrupt));
  const std::string png = png_rgb(16, 12);
  BOOST_TEST(!checked(png.substr(0, png.size() - 12), ImageType::kPng).valid());  // no IEND
  BOOST_TEST(!checked(png.substr(0, png.size() / 2), ImageType::kPng).valid());   // half the pixels
  std::string bad_checksum = png;
  bad_checksum[bad_checksum.find("IDAT") + 6] ^= 1;
  BOOST_TEST(!checked(bad_checksum, ImageType::kPng).valid());
  const std::string no_pixels = kSignature + ihdr(16, 12, 8, 2) + chunk("IEND", "");
  BOOST_TEST(!checked(no_pixels, ImageType::kPng).valid());
  const std::string too_few_rows =
      kSignature + ihdr(16, 12, 8, 2) + chunk("IDAT", deflate(std::string(49, '\0'))) + chunk("IEND", "");
  BOOST_TEST(!checked(too_few_rows, ImageType::kPng).valid());

  const std::string whole_jpeg = jpeg(64, 64);
  BOOST_TEST(!checked(whole_jpeg.substr(0, whole_jpeg.size() / 2), ImageType::kJpeg).valid());
  const std::string progressive = jpeg(64, 64, true);
  BOOST_TEST(!checked(progressive.substr(0, progressive.size() * 2 / 3), ImageType::kJpeg).valid());

  for (const bool lossless : {false, true}) {
    const std::string whole_webp = webp(64, 64, lossless);
    BOOST_TEST(!checked(whole_webp.substr(0, whole_webp.size() - 20), ImageType::kWebp).valid());
  }
  BOOST_TEST(!checked(std::string("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0", 20), ImageType::kWebp).valid());
  BOOST_TEST(!checked("", ImageType::kPng).valid());
  BOOST_TEST(!checked("", ImageType::kJpeg).valid());
  BOOST_TEST(!checked("", ImageType::kWebp).valid());
}

BOOST_AUTO_TEST_SUITE_END()
