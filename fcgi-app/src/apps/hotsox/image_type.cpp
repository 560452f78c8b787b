#include "apps/hotsox/image_type.h"

namespace hotsox {

std::optional<ImageType> sniff_image_type(std::string_view content) {
  using namespace std::string_view_literals;
  if (content.size() >= 4 && content.substr(0, 3) == "\xFF\xD8\xFF"sv) return ImageType::kJpeg;
  if (content.size() >= 16 && content.substr(0, 8) == "\x89PNG\r\n\x1A\n"sv && content.substr(12, 4) == "IHDR"sv) {
    return ImageType::kPng;
  }
  if (content.size() >= 16 && content.substr(0, 4) == "RIFF"sv && content.substr(8, 4) == "WEBP"sv) {
    const std::string_view chunk = content.substr(12, 4);
    if (chunk == "VP8 "sv || chunk == "VP8L"sv || chunk == "VP8X"sv) return ImageType::kWebp;
  }
  return std::nullopt;
}

std::string_view image_extension(ImageType type) {
  switch (type) {
    case ImageType::kJpeg: return "jpg";
    case ImageType::kPng: return "png";
    case ImageType::kWebp: return "webp";
  }
  return "bin";
}

}  // namespace hotsox
