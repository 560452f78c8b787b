// Whether an upload is a whole, decodable picture of a sensible size. The
// first bytes (image_type.h) only say which decoder to ask: a PNG header
// declaring 100000x100000 pixels with no data behind it, a small file that
// inflates to gigabytes, or four bytes that start like a JPEG all pass a
// sniff. Here the header's dimensions are checked before anything is
// decoded, then every pixel row is decoded (and dropped: memory stays at one
// row for PNG and baseline JPEG, bounded for progressive JPEG and WebP).
// Pure: no I/O, no global state; safe on any thread.
#pragma once

#include "apps/hotsox/image_type.h"

#include <cstdint>
#include <string_view>

namespace hotsox {

// 4096 x 4096: a 12-megapixel phone photo (4032 x 3024) fits; what a
// profile picture needs, with room. Each side is also bounded, so one row
// of pixels stays small.
inline constexpr std::uint64_t kMaxImagePixels = 4096ULL * 4096ULL;
inline constexpr std::uint32_t kMaxImageSide = 16384;
// The most a JPEG decoder may allocate (a progressive JPEG holds all its
// coefficients: about 3 bytes a pixel at 4:2:0).
inline constexpr long kMaxJpegDecoderBytes = 64L * 1024 * 1024;

struct ImageCheck {
  enum class Verdict {
    kValid,
    kCorrupt,        // not decodable to its end: truncated, bad checksums, garbage, unsupported
    kTooManyPixels,  // the header declares more than kMaxImagePixels (or a side over kMaxImageSide)
  } verdict = Verdict::kCorrupt;
  std::uint32_t width = 0;  // as the header declares them, when it could be read
  std::uint32_t height = 0;

  bool valid() const { return verdict == Verdict::kValid; }
};

// Decodes `content` as `type` (libpng, libjpeg-turbo, libwebp).
ImageCheck check_image(std::string_view content, ImageType type);

}  // namespace hotsox
