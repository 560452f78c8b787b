#include "platform/text.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace platform {

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

constexpr Range kLetterRanges[] = {
#include "platform/unicode_letters.inc"
};

}  // namespace

std::optional<std::u32string> decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) {
      code_point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code_point = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + extra >= text.size() && extra > 0) return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (code_point < kMinForLength[extra] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return std::nullopt;
    }
    out.push_back(static_cast<char32_t>(code_point));
    i += extra + 1;
  }
  return out;
}

std::optional<std::size_t> utf8_length(std::string_view text) {
  const auto decoded = decode_utf8(text);
  if (!decoded) return std::nullopt;
  return decoded->size();
}

bool is_unicode_letter(char32_t code_point) {
  const auto* range = std::upper_bound(std::begin(kLetterRanges), std::end(kLetterRanges), code_point,
                                       [](char32_t value, const Range& r) { return value < r.first; });
  return range != std::begin(kLetterRanges) && code_point <= std::prev(range)->last;
}

std::optional<long long> parse_python_int(std::string_view text) {
  // Python's whitespace of the ASCII range includes the four separators 0x1c..0x1f.
  const auto is_space = [](char c) { return (c >= '\t' && c <= '\r') || c == ' ' || (c >= '\x1c' && c <= '\x1f'); };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  std::string digits;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    if (text.front() == '-') digits += '-';
    text.remove_prefix(1);
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool between_digits = c == '_' && i > 0 && i + 1 < text.size() && text[i - 1] != '_' && text[i + 1] != '_';
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (!between_digits) {
      return std::nullopt;
    }
  }
  return parse_integer(digits);
}

}  // namespace platform
