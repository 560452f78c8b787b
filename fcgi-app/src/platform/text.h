// UTF-8 text: decoding, length in characters, Unicode letters. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace platform {

// Code points of valid UTF-8 (no overlong forms, surrogates or values past
// U+10FFFF); nullopt otherwise.
std::optional<std::u32string> decode_utf8(std::string_view text);

// Number of Unicode code points in valid UTF-8; nullopt when not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

// Unicode letter categories Lu, Ll, Lt, Lm, Lo: the set Python's str.isalpha()
// accepts. Digits of any script, marks and symbols are not letters.
bool is_unicode_letter(char32_t code_point);

}  // namespace platform
