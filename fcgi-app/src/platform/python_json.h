// What CPython 3.11 says about a request body: the errors of its UTF-8 codec
// and of json.loads, to the character. Both HotSox surfaces (DRF and FastAPI)
// echo these texts in their answers, and their clients compare them. Pure.
#pragma once

#include <json/value.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace platform {

// A UnicodeDecodeError of Python's 'utf-8' codec: bytes [start, end) are not
// UTF-8 for `reason` ("invalid start byte", "invalid continuation byte",
// "unexpected end of data").
struct Utf8DecodeError {
  std::string_view::size_type start = 0;
  std::string_view::size_type end = 0;
  unsigned char byte = 0;  // the byte at start
  const char* reason = "";
  // str(exc): "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
  // (one byte) or "... can't decode bytes in position 3-4: invalid continuation byte".
  std::string text() const;
};

// Python's incremental UTF-8 decoding of `bytes` (codecs' StreamReader, as
// DRF reads a body): the first invalid sequence, if any, and otherwise how
// many bytes form whole characters; an incomplete character at the very end
// is not an error there, it is left unread. With `final` (bytes.decode()) it
// is the error "unexpected end of data".
struct Utf8Decoding {
  std::size_t complete_bytes = 0;
  std::optional<Utf8DecodeError> error;
};
Utf8Decoding python_utf8_decode(std::string_view bytes, bool final);

// What json.loads does with NaN, Infinity and -Infinity: Python takes them as
// floats; DRF (STRICT_JSON, parse_constant=strict_constant) refuses them with
// a ValueError "Out of range float values are not JSON compliant: 'NaN'".
enum class NanLiterals { accept, reject };

// The ValueError json.loads raises. A json.JSONDecodeError carries where it
// stopped; the others (DRF's strict constants, Python's 4300-digit limit on
// integers) are a message alone.
struct PythonJsonError {
  std::string msg;  // "Expecting value", "Extra data", ...
  bool positioned = true;
  std::size_t pos = 0;  // in characters (code points), not bytes
  std::size_t lineno = 0;
  std::size_t colno = 0;
  // str(exc): "Expecting value: line 1 column 14 (char 13)" when positioned, msg otherwise.
  std::string text() const;
};

// The error CPython 3.11's json.loads(text) raises for the str `text` (UTF-8;
// a byte that is not UTF-8 counts as one character), or nullopt when it
// accepts it. Its C scanner, step for step: a BOM, whitespace " \t\n\r" only,
// no comments, no trailing commas, leading zeros end a number, raw control
// characters refused in strings; duplicate keys, big numbers and lone
// surrogate escapes accepted. Any input, any depth: no recursion.
std::optional<PythonJsonError> python_json_error(std::string_view text, NanLiterals nan);

// A body read as json.loads reads it. Exactly one of three outcomes:
// - value: Python and parse_json both accept it (a scalar at the top too);
// - error: Python refuses it, with Python's error;
// - neither: Python accepts it but parse_json does not (a NUL or lone
//   surrogate in a string, nesting deeper than kMaxJsonDepth, NaN, a number
//   past a double's range): nothing here can hold or store that value.
struct PythonJsonBody {
  std::optional<Json::Value> value;
  std::optional<PythonJsonError> error;
};
PythonJsonBody parse_json_like_python(std::string_view text, NanLiterals nan);

}  // namespace platform
