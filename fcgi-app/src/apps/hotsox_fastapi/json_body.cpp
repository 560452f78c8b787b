// json_body: a FastAPI body through CPython's json.loads (platform/python_json.h).
#include "apps/hotsox_fastapi/validation.h"
#include "platform/python_json.h"

#include <string>
#include <string_view>
#include <utility>

namespace hotsox_fastapi {

namespace {

// FastAPI's HTTPException(400, "There was an error parsing the body"): any
// error of reading a body but a JSONDecodeError.
platform::HttpError body_unreadable() {
  Json::Value body(Json::objectValue);
  body["detail"] = "There was an error parsing the body";
  return platform::HttpError::with_body(400, body);
}

// RequestValidationError([ErrorWrapper(e, ("body", e.pos))]) for a
// json.JSONDecodeError e: pydantic v1 names it value_error.jsondecode, says
// str(e) and, the exception's __dict__ not being empty, gives it as ctx.
Problem json_decode_problem(const platform::PythonJsonError& error, std::string_view doc) {
  Json::Value loc(Json::arrayValue);
  loc.append("body");
  loc.append(static_cast<Json::UInt64>(error.pos));
  Json::Value ctx(Json::objectValue);
  ctx["msg"] = error.msg;
  ctx["doc"] = std::string(doc);
  ctx["pos"] = static_cast<Json::UInt64>(error.pos);
  ctx["lineno"] = static_cast<Json::UInt64>(error.lineno);
  ctx["colno"] = static_cast<Json::UInt64>(error.colno);
  return {loc, error.text(), std::string(kJsonDecode), ctx};
}

// JSON that Python takes but nothing here can hold (a NUL or a lone surrogate
// in a string, nesting past kMaxJsonDepth, NaN, a number past a double): a
// jsondecode problem at the start of the body, in our own words.
Problem unstorable_json_problem() {
  Json::Value loc(Json::arrayValue);
  loc.append("body");
  loc.append(0);
  return {loc, "Invalid JSON body", std::string(kJsonDecode)};
}

}  // namespace

Json::Value json_body(const platform::Request& request, Problems& problems) {
  std::string_view body = request.body;
  // FastAPI reads no body of length 0 (`if body_bytes:`); any other goes to json.loads.
  if (body.empty()) return Json::Value::null;
  // json.loads(bytes) decodes UTF-8 first, a BOM dropped. A UnicodeDecodeError
  // is not a JSONDecodeError: FastAPI answers it, as any other error of
  // reading the body, with its 400.
  if (platform::python_utf8_decode(body, /*final=*/true).error) {
    throw body_unreadable();
  }
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (body.starts_with(kBom)) body.remove_prefix(kBom.size());
  auto parsed = platform::parse_json_like_python(body, platform::NanLiterals::accept);
  if (parsed.value) return std::move(*parsed.value);
  if (parsed.error && !parsed.error->positioned) throw body_unreadable();
  problems.add(parsed.error ? json_decode_problem(*parsed.error, body) : unstorable_json_problem());
  return Json::Value::null;
}

}  // namespace hotsox_fastapi
