#include "platform/python_json.h"

#include "platform/json.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace platform {

namespace {

bool is_continuation(unsigned char byte) { return byte >= 0x80 && byte <= 0xBF; }

// One step of CPython's UTF-8 decoder (Objects/stringlib/codecs.h) at `at`:
// the length of a valid character (> 0), or -1 for an incomplete one cut by
// the end of the input, or the error with its range.
struct Step {
  int length = 0;
  bool incomplete = false;
  // ED A0..BF cut by the end: a surrogate's start, which CPython leaves for
  // later (an error handler could take it) but calls invalid once final.
  bool surrogate_start = false;
  std::optional<Utf8DecodeError> error;
};

Step utf8_step(std::string_view bytes, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[at + i]); };
  const std::size_t left = bytes.size() - at;
  const unsigned char lead = byte(0);
  const auto invalid = [&](std::size_t length, const char* reason) {
    Step step;
    step.error = Utf8DecodeError{at, at + length, lead, reason};
    return step;
  };
  const auto whole = [](int length) {
    Step step;
    step.length = length;
    return step;
  };
  if (lead < 0x80) return whole(1);
  if (lead < 0xC2 || lead > 0xF4) return invalid(1, "invalid start byte");
  const int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  // The second byte's range is narrower after E0 (no overlong forms), ED (no
  // surrogates), F0 (no overlong forms) and F4 (nothing past U+10FFFF).
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  for (int i = 1; i < length; ++i) {
    if (static_cast<std::size_t>(i) >= left) {
      Step cut;
      cut.incomplete = true;
      cut.surrogate_start = lead == 0xED && left > 1 && byte(1) > high;
      return cut;
    }
    const unsigned char next = byte(static_cast<std::size_t>(i));
    const bool valid = i == 1 ? next >= low && next <= high : is_continuation(next);
    if (lead == 0xED && i == 1 && is_continuation(next) && left < 3) continue;  // judged when cut (above)
    if (!valid) return invalid(static_cast<std::size_t>(i), "invalid continuation byte");
  }
  return whole(length);
}

// The text's characters; a byte that is not UTF-8 is one character of its own.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const Step step = utf8_step(text, at);
    if (step.length <= 0) {
      out.push_back(0xFFFD);
      ++at;
      continue;
    }
    const auto byte = [&](int i) { return static_cast<char32_t>(static_cast<unsigned char>(text[at + i])); };
    char32_t c = 0;
    switch (step.length) {
      case 1: c = byte(0); break;
      case 2: c = ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F); break;
      case 3: c = ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F); break;
      default: c = ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    }
    out.push_back(c);
    at += static_cast<std::size_t>(step.length);
  }
  return out;
}

bool is_json_whitespace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Python's int() refuses decimal strings longer than this (CVE-2020-10735;
// sys.get_int_max_str_digits() by default since 3.11).
constexpr std::size_t kMaxIntDigits = 4300;

// CPython's Modules/_json.c scanner over code points, as a loop with an
// explicit stack instead of its recursion. Each method returns false after
// recording the error Python would raise at that point.
class Scanner {
 public:
  Scanner(std::u32string_view text, NanLiterals nan) : s_(text), nan_(nan) {}

  std::optional<PythonJsonError> decode() {
    if (!s_.empty() && s_[0] == 0xFEFF) {
      fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
      return error_;
    }
    std::size_t end = 0;
    if (!scan(skip_whitespace(0), end)) return error_;
    end = skip_whitespace(end);
    if (end != s_.size()) fail("Extra data", end);
    return error_;
  }

 private:
  enum class Expect { value, key, after_value };

  std::size_t skip_whitespace(std::size_t i) const {
    while (i < s_.size() && is_json_whitespace(s_[i])) ++i;
    return i;
  }

  bool at(std::size_t i, char32_t c) const { return i < s_.size() && s_[i] == c; }
  bool matches(std::size_t i, std::u32string_view word) const { return s_.substr(i, word.size()) == word; }

  bool fail(const char* msg, std::size_t pos) {
    PythonJsonError error;
    error.msg = msg;
    error.pos = pos;
    const std::u32string_view before = s_.substr(0, pos);
    error.lineno = static_cast<std::size_t>(std::count(before.begin(), before.end(), U'\n')) + 1;
    const std::size_t last_newline = before.rfind(U'\n');
    error.colno = last_newline == std::u32string_view::npos ? pos + 1 : pos - last_newline;
    error_ = std::move(error);
    return false;
  }

  bool fail_unpositioned(std::string msg) {
    PythonJsonError error;
    error.msg = std::move(msg);
    error.positioned = false;
    error_ = std::move(error);
    return false;
  }

  // One JSON value from `start`, its end in `end`.
  bool scan(std::size_t start, std::size_t& end) {
    std::vector<char32_t> open;  // the containers we are inside, innermost last
    std::size_t i = start;
    Expect expect = Expect::value;
    while (true) {
      switch (expect) {
        case Expect::value: {
          if (i >= s_.size()) return fail("Expecting value", i);
          const char32_t c = s_[i];
          if (c == '{' || c == '[') {
            const char32_t close = c == '{' ? '}' : ']';
            i = skip_whitespace(i + 1);
            if (at(i, close)) {
              ++i;
              expect = Expect::after_value;
            } else {
              open.push_back(c);
              expect = c == '{' ? Expect::key : Expect::value;
            }
            break;
          }
          if (!scan_scalar(i, i)) return false;
          expect = Expect::after_value;
          break;
        }
        case Expect::key: {
          if (!at(i, '"')) return fail("Expecting property name enclosed in double quotes", i);
          if (!scan_string(i + 1, i)) return false;
          i = skip_whitespace(i);
          if (!at(i, ':')) return fail("Expecting ':' delimiter", i);
          i = skip_whitespace(i + 1);
          expect = Expect::value;
          break;
        }
        case Expect::after_value: {
          if (open.empty()) {
            end = i;
            return true;
          }
          i = skip_whitespace(i);
          const bool object = open.back() == '{';
          if (at(i, object ? '}' : ']')) {
            ++i;
            open.pop_back();
            break;
          }
          if (!at(i, ',')) return fail("Expecting ',' delimiter", i);
          i = skip_whitespace(i + 1);
          expect = object ? Expect::key : Expect::value;
          break;
        }
      }
    }
  }

  // A string, a literal or a number starting at `i`; its end in `end`.
  bool scan_scalar(std::size_t i, std::size_t& end) {
    const char32_t c = s_[i];
    if (c == '"') return scan_string(i + 1, end);
    for (const std::u32string_view word : {U"null", U"true", U"false"}) {
      if (matches(i, word)) {
        end = i + word.size();
        return true;
      }
    }
    for (const std::u32string_view constant : {U"NaN", U"Infinity", U"-Infinity"}) {
      if (!matches(i, constant)) continue;
      if (nan_ == NanLiterals::reject) {
        std::string name(constant.begin(), constant.end());
        return fail_unpositioned("Out of range float values are not JSON compliant: '" + name + "'");
      }
      end = i + constant.size();
      return true;
    }
    return scan_number(i, end);
  }

  // _match_number_unicode: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, where
  // a fraction or an exponent without digits is left for the next token.
  bool scan_number(std::size_t start, std::size_t& end) {
    const std::size_t size = s_.size();
    std::size_t i = start;
    if (s_[i] == '-') {
      ++i;
      if (i >= size) return fail("Expecting value", start);
    }
    const std::size_t digits_start = i;
    if (s_[i] >= '1' && s_[i] <= '9') {
      ++i;
      while (i < size && is_digit(s_[i])) ++i;
    } else if (s_[i] == '0') {
      ++i;
    } else {
      return fail("Expecting value", start);
    }
    const std::size_t integer_digits = i - digits_start;
    bool is_float = false;
    if (i + 1 < size && s_[i] == '.' && is_digit(s_[i + 1])) {
      is_float = true;
      i += 2;
      while (i < size && is_digit(s_[i])) ++i;
    }
    if (i + 1 < size && (s_[i] == 'e' || s_[i] == 'E')) {
      const std::size_t exponent_start = i;
      ++i;
      if (i + 1 < size && (s_[i] == '-' || s_[i] == '+')) ++i;
      while (i < size && is_digit(s_[i])) ++i;
      if (is_digit(s_[i - 1])) {
        is_float = true;
      } else {
        i = exponent_start;
      }
    }
    if (!is_float && integer_digits > kMaxIntDigits) {
      return fail_unpositioned("Exceeds the limit (" + std::to_string(kMaxIntDigits) +
                               " digits) for integer string conversion: value has " + std::to_string(integer_digits) +
                               " digits; use sys.set_int_max_str_digits() to increase the limit");
    }
    end = i;
    return true;
  }

  // scanstring_unicode from just after the opening quote; `end` past the closing one.
  bool scan_string(std::size_t begin, std::size_t& end) {
    const std::size_t size = s_.size();
    const std::size_t quote = begin - 1;
    std::size_t i = begin;
    while (true) {
      while (i < size && s_[i] != '"' && s_[i] != '\\') {
        if (s_[i] <= 0x1F) return fail("Invalid control character at", i);
        ++i;
      }
      if (i >= size) return fail("Unterminated string starting at", quote);
      if (s_[i] == '"') {
        end = i + 1;
        return true;
      }
      ++i;  // past the backslash
      if (i >= size) return fail("Unterminated string starting at", quote);
      const char32_t escape = s_[i];
      if (escape != 'u') {
        if (std::u32string_view(U"\"\\/bfnrt").find(escape) == std::u32string_view::npos) {
          return fail("Invalid \\escape", i - 1);
        }
        ++i;
        continue;
      }
      // Python wants a character after the four digits (the closing quote at
      // least) before it reads them. A high surrogate followed by a second
      // escape is read as a pair there, with the same errors at the same place
      // as reading the second escape on its own, so no pair is looked for here.
      const std::size_t digits = i + 1;
      if (digits + 4 >= size || !std::all_of(s_.begin() + static_cast<std::ptrdiff_t>(digits),
                                             s_.begin() + static_cast<std::ptrdiff_t>(digits + 4), is_hex_digit)) {
        return fail("Invalid \\uXXXX escape", i);
      }
      i = digits + 4;
    }
  }

  std::u32string_view s_;
  NanLiterals nan_;
  std::optional<PythonJsonError> error_;
};

}  // namespace

std::string Utf8DecodeError::text() const {
  char line[160];
  if (end - start <= 1) {
    std::snprintf(line, sizeof line, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", byte, start, reason);
  } else {
    std::snprintf(line, sizeof line, "'utf-8' codec can't decode bytes in position %zu-%zu: %s", start, end - 1,
                  reason);
  }
  return line;
}

Utf8Decoding python_utf8_decode(std::string_view bytes, bool final) {
  Utf8Decoding decoding;
  std::size_t at = 0;
  while (at < bytes.size()) {
    const Step step = utf8_step(bytes, at);
    if (step.error) {
      decoding.error = step.error;
      break;
    }
    if (step.incomplete) {
      const auto lead = static_cast<unsigned char>(bytes[at]);
      if (final && step.surrogate_start)
        decoding.error = Utf8DecodeError{at, at + 1, lead, "invalid continuation byte"};
      if (final && !step.surrogate_start)
        decoding.error = Utf8DecodeError{at, bytes.size(), lead, "unexpected end of data"};
      break;
    }
    at += static_cast<std::size_t>(step.length);
  }
  decoding.complete_bytes = at;
  return decoding;
}

std::string PythonJsonError::text() const {
  if (!positioned) return msg;
  return msg + ": line " + std::to_string(lineno) + " column " + std::to_string(colno) + " (char " +
         std::to_string(pos) + ")";
}

std::optional<PythonJsonError> python_json_error(std::string_view text, NanLiterals nan) {
  const std::u32string characters = code_points(text);
  return Scanner(characters, nan).decode();
}

PythonJsonBody parse_json_like_python(std::string_view text, NanLiterals nan) {
  PythonJsonBody body;
  body.error = python_json_error(text, nan);
  if (body.error) return body;
  if (auto value = parse_json(text)) {
    body.value = std::move(*value);
    return body;
  }
  // parse_json wants an object or an array at the top; Python takes any value.
  if (auto wrapped = parse_json("[" + std::string(text) + "]"); wrapped && wrapped->size() == 1) {
    body.value = (*wrapped)[0];
  }
  return body;
}

}  // namespace platform
