// multipart/form-data (RFC 7578 over RFC 2046) request bodies. Pure: the
// parts are views into the body, nothing is copied or written anywhere.
#pragma once

#include "platform/expected.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platform {

struct MultipartPart {
  std::string name;                     // Content-Disposition's name
  std::optional<std::string> filename;  // set for a file input, even when empty
  std::string content_type;             // lower-cased media type; empty when not sent
  std::string_view data;                // the part's bytes, inside the body
};

struct MultipartLimits {
  std::size_t max_parts = 16;
  std::size_t max_header_bytes = 8 * 1024;  // one part's header block
};

// The boundary of a "multipart/form-data; boundary=..." Content-Type (token or
// quoted string, 1 to 70 of the characters RFC 2046 allows); nullopt for any
// other media type or a missing or invalid boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts, in order, or a sentence saying what is wrong. Lines end in CRLF;
// a body must end with the closing boundary ("--boundary--").
Expected<std::vector<MultipartPart>, std::string> parse_multipart(std::string_view body, std::string_view boundary,
                                                                  const MultipartLimits& limits = {});

// "form-data; name=\"a\"; filename=\"b c\"" -> {"form-data", {{"name","a"},{"filename","b c"}}}:
// the lower-cased value and its parameters (names lower-cased, quoted strings
// unescaped). nullopt when malformed.
struct HeaderValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> parameters;
  std::optional<std::string> parameter(std::string_view name) const;
};
std::optional<HeaderValue> parse_header_value(std::string_view text);

}  // namespace platform
