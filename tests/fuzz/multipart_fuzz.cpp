// multipart/form-data: any Content-Type line and body either parse into parts
// inside the body, or are refused with a sentence; a picture upload is a
// picture, a 400 or a 415, never a crash.
#include "apps/hotsox/request_input.h"
#include "platform/http.h"
#include "platform/multipart.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first line is the Content-Type, the rest the body.
  const auto newline = input.find('\n');
  const std::string_view content_type = input.substr(0, newline == std::string_view::npos ? input.size() : newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  if (const auto boundary = platform::multipart_boundary(content_type)) {
    const auto parsed = platform::parse_multipart(body, *boundary);
    if (parsed) {
      for (const auto& part : *parsed) {
        // Every part's bytes lie inside the body.
        if (!part.data.empty() &&
            (part.data.data() < body.data() || part.data.data() + part.data.size() > body.data() + body.size())) {
          __builtin_trap();
        }
      }
    }
  }
  try {
    const hotsox::PictureUpload upload = hotsox::read_picture_upload(content_type, body);
    if (upload.content.empty()) __builtin_trap();
  } catch (const platform::HttpError& error) {
    if (error.status() != 400 && error.status() != 415) __builtin_trap();
  }
  return 0;
}
