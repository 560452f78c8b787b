// Which image format a file's first bytes say it is. Pure. The name a client
// gave the file and the Content-Type it claimed are never trusted.
#pragma once

#include <optional>
#include <string_view>

namespace hotsox {

enum class ImageType { kJpeg, kPng, kWebp };

// JPEG: FF D8 FF; PNG: the 8-byte signature then an IHDR chunk; WebP: a RIFF
// container of form WEBP holding a VP8, VP8L or VP8X chunk.
std::optional<ImageType> sniff_image_type(std::string_view content);

// "jpg", "png", "webp": the extension the stored file gets (NGINX derives
// the Content-Type it serves from it).
std::string_view image_extension(ImageType type);

}  // namespace hotsox
