// FastAPI's request validation as pydantic 1.10 does it: values coerced the
// way pydantic's validators coerce them, and every problem of a request
// collected into one 422 {"detail": [{"loc", "msg", "type"(, "ctx")}]}. Pure.
#pragma once

#include "platform/calendar.h"
#include "platform/field_update.h"
#include "platform/http.h"

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotsox_fastapi {

// One entry of FastAPI's 422 list.
struct Problem {
  Json::Value loc;  // ["body", "info_name"], ["query", "page"], ["path", "id"]
  std::string msg;
  std::string type;
  Json::Value ctx = Json::Value::null;  // {"limit_value": 10} for limits; null: no "ctx" key
};

class Problems {
 public:
  void add(Problem problem) { items_.push_back(std::move(problem)); }
  bool empty() const { return items_.empty(); }
  const std::vector<Problem>& items() const { return items_; }
  // {"detail": [...]}, pydantic's order: the order the fields were read in.
  Json::Value json() const;
  // Throws the 422 when anything was added.
  void throw_if_any() const;

 private:
  std::vector<Problem> items_;
};

Json::Value location(std::string_view where, std::string_view field);

// pydantic v1's coercions. Each returns the value, or the Problem (without
// its loc) that pydantic would report.
struct Refusal {
  std::string msg;
  std::string type;
  Json::Value ctx = Json::Value::null;
};
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::optional<Refusal> refusal;
};

// int: a JSON integer, a whole float (5.0; a fraction is cut off as Python's
// int() does), a bool (pydantic lets bool through as 0/1) or a string holding
// an integer as Python's int() reads it (platform::parse_python_int).
Parsed<long long> parse_int(const Json::Value& value);
Parsed<long long> parse_int_text(std::string_view text);
// bool: true/false, 0/1, or (any case) "0","off","f","false","n","no","1","on","t","true","y","yes".
Parsed<bool> parse_bool(const Json::Value& value);
Parsed<bool> parse_bool_text(std::string_view text);
// str: a string; numbers become their text, as pydantic's str_validator does.
Parsed<std::string> parse_str(const Json::Value& value);
// date: "YYYY-MM-DD".
Parsed<platform::Date> parse_date(const Json::Value& value);
// float: a JSON number or a string holding one.
Parsed<double> parse_float(const Json::Value& value);

// Limits, checked after the coercion (pydantic's con* types).
std::optional<Refusal> check_range(long long value, std::optional<long long> ge, std::optional<long long> le);
std::optional<Refusal> check_float_range(double value, double ge, double le);
// In characters (code points), as Python counts.
std::optional<Refusal> check_length(std::string_view text, std::size_t min_length, std::size_t max_length);

// Reads the fields of a JSON body into typed values, recording pydantic's
// problems with loc ["body", <field>]. `present` tells a field that was sent
// (partial updates apply only those).
class BodyReader {
 public:
  // A body that is not a JSON object is a problem of the whole body.
  BodyReader(const Json::Value& body, Problems& problems);

  bool present(const std::string& name) const { return body_.isObject() && body_.isMember(name); }

  // Each reader: nullopt when absent (a problem when `required`), null
  // (a problem unless `nullable`) or invalid (a problem).
  std::optional<std::string> text(const std::string& name, bool required, std::size_t min_length = 0,
                                  std::size_t max_length = 0);
  // null read as a null update; absent or invalid, an absent one.
  platform::FieldUpdate<std::string> nullable_text(const std::string& name, std::size_t max_length);
  // Optional text whose null is read as "": the original failed to store a
  // null there (SPEC-hotsox.md § 2.3).
  std::optional<std::string> text_null_as_blank(const std::string& name, std::size_t max_length);
  std::optional<std::string> email(const std::string& name, bool required);
  std::optional<long long> integer(const std::string& name, bool required, std::optional<long long> ge,
                                   std::optional<long long> le);
  std::optional<bool> boolean(const std::string& name, bool required);
  // A `nullable` date's null is read as absent (the caller's default).
  std::optional<platform::Date> date(const std::string& name, bool required, bool nullable = false);
  std::optional<double> number(const std::string& name, bool required, double ge, double le);

  void refuse(const std::string& name, Refusal refusal);

 private:
  // The field's value, or nullptr when absent or null (recording the problem).
  const Json::Value* value_of(const std::string& name, bool required, bool nullable = false);

  const Json::Value& body_;
  Problems& problems_;
  // After a body that is not JSON, FastAPI reports that alone: no field is read.
  bool unreadable_ = false;
};

// pydantic v1's type of a json.JSONDecodeError; after one, no field is read.
inline constexpr std::string_view kJsonDecode = "value_error.jsondecode";

// (json_body.cpp) The body of a JSON request as an object for BodyReader, read as FastAPI's
// json.loads reads it. Bad JSON is the problem {"loc": ["body", <char offset>],
// "msg": str(exc), "type": "value_error.jsondecode", "ctx": {msg, doc, pos,
// lineno, colno}}; a body that is not UTF-8 (or an integer past Python's 4300
// digits) throws FastAPI's 400 "There was an error parsing the body". An
// empty body is read as null (every required field then missing).
Json::Value json_body(const platform::Request& request, Problems& problems);

// fastapi-pagination's Params: page >= 1 (default 1), size 1..100 (default 50).
inline constexpr long long kDefaultPageSize = 50;
inline constexpr long long kMaxPageSize = 100;
struct PageParams {
  long long page = 1;
  long long size = kDefaultPageSize;
  // Rows to skip; a page past any real list (pydantic takes any int) saturates instead of overflowing.
  long long offset() const;
};
PageParams read_page_params(const platform::Params& query, Problems& problems);
// {"items", "total", "page", "size", "pages"}: pages = ceil(total / size).
Json::Value page_json(const PageParams& params, long long total, Json::Value items);

// A path parameter that must be an int (loc ["path", name]).
std::optional<long long> path_int(const platform::Request& request, const std::string& name, Problems& problems);
// A path parameter that must be text: UTF-8 (loc ["path", name], "str type expected" otherwise).
std::optional<std::string> path_text(const platform::Request& request, const std::string& name, Problems& problems);

// "You must be at least 18 years old!": round(days / 365.2425, 2) < 18.
bool is_adult(const platform::Date& birthday, const platform::Date& today);

}  // namespace hotsox_fastapi
