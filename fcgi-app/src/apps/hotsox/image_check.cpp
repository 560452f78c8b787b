#include "apps/hotsox/image_check.h"

#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>

#include <algorithm>
#include <csetjmp>
#include <cstring>

// libpng and libjpeg report errors by longjmp. Each decode_* function below
// calls setjmp and holds only plain data (nothing with a destructor) between
// that point and any decoder call, so a jump skips no C++ cleanup; the
// decoders' own state is released by the caller.

namespace hotsox {

namespace {

using Verdict = ImageCheck::Verdict;

bool within_bounds(std::uint32_t width, std::uint32_t height) {
  return width > 0 && height > 0 && width <= kMaxImageSide && height <= kMaxImageSide &&
         std::uint64_t{width} * height <= kMaxImagePixels;
}

// --- PNG (libpng) ---------------------------------------------------------------------------------

// Ancillary chunks (text, colour profiles) are inflated in memory: no more than this each.
constexpr png_alloc_size_t kMaxPngChunkBytes = 4 * 1024 * 1024;

struct PngInput {
  const unsigned char* data;
  std::size_t size;
  std::size_t offset;
};

void read_png_bytes(png_structp png, png_bytep out, png_size_t length) {
  auto* input = static_cast<PngInput*>(png_get_io_ptr(png));
  if (input->size - input->offset < length) png_error(png, "truncated");
  std::memcpy(out, input->data + input->offset, length);
  input->offset += length;
}

void ignore_png_warning(png_structp, png_const_charp) {}
void fail_png(png_structp png, png_const_charp) { png_longjmp(png, 1); }

Verdict decode_png_rows(png_structp png, png_infop info, PngInput* input, ImageCheck* check, png_bytep* row) {
  if (setjmp(png_jmpbuf(png))) return Verdict::kCorrupt;
  png_set_read_fn(png, input, read_png_bytes);
  png_set_chunk_malloc_max(png, kMaxPngChunkBytes);
  png_read_info(png, info);
  check->width = png_get_image_width(png, info);
  check->height = png_get_image_height(png, info);
  if (!within_bounds(check->width, check->height)) return Verdict::kTooManyPixels;
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  *row = static_cast<png_bytep>(png_malloc(png, png_get_rowbytes(png, info)));
  for (int pass = 0; pass < passes; ++pass) {
    for (std::uint32_t y = 0; y < check->height; ++y) png_read_row(png, *row, nullptr);
  }
  png_read_end(png, info);  // the chunks after the pixels, and every checksum up to IEND
  return Verdict::kValid;
}

std::uint32_t big_endian_at(std::string_view bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[offset + i]);
  return value;
}

ImageCheck check_png(std::string_view content) {
  ImageCheck check;
  // The signature is followed by IHDR (image_type.h checked its name), whose
  // first eight bytes are the dimensions: judged before libpng reads on.
  if (content.size() >= 24) {
    check.width = big_endian_at(content, 16);
    check.height = big_endian_at(content, 20);
    if (check.width == 0 || check.height == 0) return check;  // no picture at all
    if (!within_bounds(check.width, check.height)) {
      check.verdict = Verdict::kTooManyPixels;
      return check;
    }
  }
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, fail_png, ignore_png_warning);
  if (png == nullptr) return check;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return check;
  }
  PngInput input{reinterpret_cast<const unsigned char*>(content.data()), content.size(), 0};
  png_bytep row = nullptr;
  check.verdict = decode_png_rows(png, info, &input, &check, &row);
  png_free(png, row);
  png_destroy_read_struct(&png, &info, nullptr);
  return check;
}

// --- JPEG (libjpeg-turbo) -------------------------------------------------------------------------

// A progressive JPEG may hold any number of scans, each a pass over every
// coefficient: a small file could cost minutes. djpeg's -maxscans guards the same way.
constexpr int kMaxJpegScans = 500;

struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};

[[noreturn]] void fail_jpeg(j_common_ptr jpeg) { std::longjmp(reinterpret_cast<JpegErrors*>(jpeg->err)->jump, 1); }

// libjpeg only warns about corrupt data (a truncated file decodes as grey):
// here a warning is a corrupt picture.
void on_jpeg_message(j_common_ptr jpeg, int level) {
  if (level < 0) fail_jpeg(jpeg);
}

void limit_jpeg_scans(j_common_ptr jpeg) {
  if (reinterpret_cast<j_decompress_ptr>(jpeg)->input_scan_number > kMaxJpegScans) fail_jpeg(jpeg);
}

Verdict decode_jpeg_rows(jpeg_decompress_struct* jpeg, JpegErrors* errors, std::string_view* content,
                         ImageCheck* check) {
  if (setjmp(errors->jump)) return Verdict::kCorrupt;
  jpeg->mem->max_memory_to_use = kMaxJpegDecoderBytes;  // beyond it: an error, there is no backing store
  jpeg_mem_src(jpeg, reinterpret_cast<const unsigned char*>(content->data()), content->size());
  jpeg_read_header(jpeg, TRUE);
  check->width = jpeg->image_width;
  check->height = jpeg->image_height;
  if (!within_bounds(check->width, check->height)) return Verdict::kTooManyPixels;
  jpeg_start_decompress(jpeg);
  JSAMPARRAY row = (*jpeg->mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(jpeg), JPOOL_IMAGE,
                                              jpeg->output_width * static_cast<JDIMENSION>(jpeg->output_components), 1);
  while (jpeg->output_scanline < jpeg->output_height) jpeg_read_scanlines(jpeg, row, 1);
  jpeg_finish_decompress(jpeg);
  return Verdict::kValid;
}

ImageCheck check_jpeg(std::string_view content) {
  ImageCheck check;
  jpeg_decompress_struct jpeg{};
  JpegErrors errors{};
  jpeg.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = fail_jpeg;
  errors.manager.emit_message = on_jpeg_message;
  jpeg_progress_mgr progress{};
  progress.progress_monitor = limit_jpeg_scans;
  jpeg_create_decompress(&jpeg);
  jpeg.progress = &progress;
  check.verdict = decode_jpeg_rows(&jpeg, &errors, &content, &check);
  jpeg_destroy_decompress(&jpeg);
  return check;
}

// --- WebP (libwebp) -------------------------------------------------------------------------------

// Decoded pixels are scaled down to this as they come: the whole bitstream is
// still decoded, but the output buffer stays small.
constexpr int kWebpOutputSide = 64;

ImageCheck check_webp(std::string_view content) {
  ImageCheck check;
  const auto* data = reinterpret_cast<const std::uint8_t*>(content.data());
  WebPDecoderConfig config;
  if (WebPInitDecoderConfig(&config) == 0) return check;
  if (WebPGetFeatures(data, content.size(), &config.input) != VP8_STATUS_OK) return check;
  check.width = static_cast<std::uint32_t>(config.input.width);
  check.height = static_cast<std::uint32_t>(config.input.height);
  if (!within_bounds(check.width, check.height)) {
    check.verdict = Verdict::kTooManyPixels;
    return check;
  }
  if (config.input.has_animation != 0) return check;  // a still picture only
  config.options.use_scaling = 1;
  config.options.scaled_width = std::min(config.input.width, kWebpOutputSide);
  config.options.scaled_height = std::min(config.input.height, kWebpOutputSide);
  config.output.colorspace = MODE_RGBA;
  if (WebPDecode(data, content.size(), &config) == VP8_STATUS_OK) check.verdict = Verdict::kValid;
  WebPFreeDecBuffer(&config.output);
  return check;
}

}  // namespace

ImageCheck check_image(std::string_view content, ImageType type) {
  switch (type) {
    case ImageType::kPng: return check_png(content);
    case ImageType::kJpeg: return check_jpeg(content);
    case ImageType::kWebp: return check_webp(content);
  }
  return {};
}

}  // namespace hotsox
