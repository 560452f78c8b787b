// UTF-8 text: decoding, length in characters, Unicode letters; whole
// numbers. Pure.
#pragma once

#include <charconv>
#include <concepts>
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

// The whole of `text` as an integer of type T: an optional '-' (for a signed
// T) and digits of `base`, in T's range; nothing else, not even a '+' or
// surrounding spaces. Callers with looser rules (a '+', say) strip first.
template <std::integral T = long long>
std::optional<T> parse_integer(std::string_view text, int base = 10) {
  T value{};
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value, base);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

// What Python's int() reads from text, for the query and form values of the
// Django and FastAPI surfaces: surrounding ASCII whitespace, a '+' or '-', and
// single underscores between digits ("+1", " 7 ", "1_000"). nullopt for
// anything else or a value past 64 bits (digits of other scripts, which
// Python also reads, are refused).
std::optional<long long> parse_python_int(std::string_view text);

}  // namespace platform
