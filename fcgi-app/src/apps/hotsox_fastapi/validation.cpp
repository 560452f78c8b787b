#include "apps/hotsox_fastapi/validation.h"

#include "apps/hotsox/fields.h"
#include "platform/json.h"
#include "platform/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace hotsox_fastapi {

namespace {

const Refusal kNotInteger{"value is not a valid integer", "type_error.integer"};
const Refusal kNotBool{"value could not be parsed to a boolean", "type_error.bool"};
const Refusal kNotFloat{"value is not a valid float", "type_error.float"};
const Refusal kNotDate{"invalid date format", "value_error.date"};
const Refusal kNotString{"str type expected", "type_error.str"};
const Refusal kMissing{"field required", "value_error.missing"};
const Refusal kNone{"none is not an allowed value", "type_error.none.not_allowed"};
const Refusal kNotEmail{"value is not a valid email address", "value_error.email"};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

template <typename T>
Parsed<T> refused(const Refusal& refusal) {
  return {std::nullopt, refusal};
}

Json::Value limit(long long value) {
  Json::Value ctx(Json::objectValue);
  ctx["limit_value"] = static_cast<Json::Int64>(value);
  return ctx;
}

Json::Value limit(double value) {
  Json::Value ctx(Json::objectValue);
  ctx["limit_value"] = value;
  return ctx;
}

// Python's repr of a float limit that is whole ("90" for 90.0 in pydantic's message is "90").
std::string limit_text(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  return std::to_string(value);
}

}  // namespace

Json::Value location(std::string_view where, std::string_view field) {
  Json::Value loc(Json::arrayValue);
  loc.append(std::string(where));
  loc.append(std::string(field));
  return loc;
}

Json::Value Problems::json() const {
  Json::Value detail(Json::arrayValue);
  for (const auto& problem : items_) {
    Json::Value item(Json::objectValue);
    item["loc"] = problem.loc;
    item["msg"] = problem.msg;
    item["type"] = problem.type;
    if (!problem.ctx.isNull()) item["ctx"] = problem.ctx;
    detail.append(item);
  }
  Json::Value body(Json::objectValue);
  body["detail"] = detail;
  return body;
}

void Problems::throw_if_any() const {
  if (!items_.empty()) throw platform::HttpError::with_body(422, json());
}

Parsed<long long> parse_int_text(std::string_view text) {
  const auto value = platform::parse_python_int(text);
  if (!value) return refused<long long>(kNotInteger);
  return {*value, std::nullopt};
}

Parsed<long long> parse_int(const Json::Value& value) {
  if (value.isBool()) return {value.asBool() ? 1 : 0, std::nullopt};
  if (value.isInt64()) return {value.asInt64(), std::nullopt};
  if (value.isDouble()) {
    const double number = value.asDouble();
    // Python's int() cuts the fraction off; beyond int64 we refuse rather than wrap.
    if (!std::isfinite(number) || std::abs(number) >= 9.2e18) return refused<long long>(kNotInteger);
    return {static_cast<long long>(std::trunc(number)), std::nullopt};
  }
  if (value.isString()) return parse_int_text(value.asString());
  return refused<long long>(kNotInteger);
}

Parsed<bool> parse_bool_text(std::string_view text) {
  const std::string word = lower(text);
  for (const char* truthy : {"1", "on", "t", "true", "y", "yes"})
    if (word == truthy) return {true, std::nullopt};
  for (const char* falsy : {"0", "off", "f", "false", "n", "no"})
    if (word == falsy) return {false, std::nullopt};
  return refused<bool>(kNotBool);
}

Parsed<bool> parse_bool(const Json::Value& value) {
  if (value.isBool()) return {value.asBool(), std::nullopt};
  if (value.isIntegral()) {
    if (value.asLargestInt() == 0) return {false, std::nullopt};
    if (value.asLargestInt() == 1) return {true, std::nullopt};
    return refused<bool>(kNotBool);
  }
  if (value.isString()) return parse_bool_text(value.asString());
  return refused<bool>(kNotBool);
}

Parsed<std::string> parse_str(const Json::Value& value) {
  if (value.isString()) return {value.asString(), std::nullopt};
  if (value.isBool()) return refused<std::string>(kNotString);
  if (value.isIntegral()) return {std::to_string(value.asLargestInt()), std::nullopt};
  if (value.isDouble()) return {platform::to_json(value), std::nullopt};
  return refused<std::string>(kNotString);
}

Parsed<platform::Date> parse_date(const Json::Value& value) {
  if (!value.isString()) return refused<platform::Date>(kNotDate);
  const auto date = platform::parse_iso_date(value.asString());
  if (!date) return refused<platform::Date>(kNotDate);
  return {*date, std::nullopt};
}

Parsed<double> parse_float(const Json::Value& value) {
  if (value.isNumeric() && !value.isBool()) return {value.asDouble(), std::nullopt};
  if (value.isString()) {
    const std::string text(trimmed(value.asString()));
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(number)) return {number, std::nullopt};
  }
  return refused<double>(kNotFloat);
}

std::optional<Refusal> check_range(long long value, std::optional<long long> ge, std::optional<long long> le) {
  if (ge && value < *ge) {
    return Refusal{"ensure this value is greater than or equal to " + std::to_string(*ge), "value_error.number.not_ge",
                   limit(*ge)};
  }
  if (le && value > *le) {
    return Refusal{"ensure this value is less than or equal to " + std::to_string(*le), "value_error.number.not_le",
                   limit(*le)};
  }
  return std::nullopt;
}

std::optional<Refusal> check_float_range(double value, double ge, double le) {
  if (value < ge) {
    return Refusal{"ensure this value is greater than or equal to " + limit_text(ge), "value_error.number.not_ge",
                   limit(ge)};
  }
  if (value > le) {
    return Refusal{"ensure this value is less than or equal to " + limit_text(le), "value_error.number.not_le",
                   limit(le)};
  }
  return std::nullopt;
}

std::optional<Refusal> check_length(std::string_view text, std::size_t min_length, std::size_t max_length) {
  const std::size_t length = platform::utf8_length(text).value_or(text.size());
  if (length < min_length) {
    return Refusal{"ensure this value has at least " + std::to_string(min_length) + " characters",
                   "value_error.any_str.min_length", limit(static_cast<long long>(min_length))};
  }
  if (max_length > 0 && length > max_length) {
    return Refusal{"ensure this value has at most " + std::to_string(max_length) + " characters",
                   "value_error.any_str.max_length", limit(static_cast<long long>(max_length))};
  }
  return std::nullopt;
}

BodyReader::BodyReader(const Json::Value& body, Problems& problems) : body_(body), problems_(problems) {
  for (const auto& problem : problems_.items()) unreadable_ = unreadable_ || problem.type == kJsonDecode;
  if (unreadable_) return;
  // A body of the wrong JSON type: FastAPI reports the model as a whole.
  if (!body_.isObject() && !body_.isNull()) {
    Json::Value loc(Json::arrayValue);
    loc.append("body");
    problems_.add({loc, "value is not a valid dict", "type_error.dict"});
  }
}

void BodyReader::refuse(const std::string& name, Refusal refusal) {
  problems_.add({location("body", name), std::move(refusal.msg), std::move(refusal.type), std::move(refusal.ctx)});
}

const Json::Value* BodyReader::value_of(const std::string& name, bool required, bool nullable) {
  if (unreadable_) return nullptr;
  if (!present(name)) {
    if (required && (body_.isObject() || body_.isNull())) refuse(name, kMissing);
    return nullptr;
  }
  const Json::Value& value = body_[name];
  if (value.isNull()) {
    if (!nullable) refuse(name, required ? kMissing : kNone);
    return nullptr;
  }
  return &value;
}

std::optional<std::string> BodyReader::text(const std::string& name, bool required, std::size_t min_length,
                                            std::size_t max_length) {
  const Json::Value* value = value_of(name, required);
  if (!value) return std::nullopt;
  auto parsed = parse_str(*value);
  if (parsed.refusal) {
    refuse(name, *parsed.refusal);
    return std::nullopt;
  }
  if (auto refusal = check_length(*parsed.value, min_length, max_length)) {
    refuse(name, *refusal);
    return std::nullopt;
  }
  return parsed.value;
}

platform::FieldUpdate<std::string> BodyReader::nullable_text(const std::string& name, std::size_t max_length) {
  using Update = platform::FieldUpdate<std::string>;
  if (unreadable_ || !present(name)) return Update::absent();
  if (body_[name].isNull()) return Update::null();
  auto value = text(name, false, 0, max_length);
  if (!value) return Update::absent();
  return Update::to(std::move(*value));
}

std::optional<std::string> BodyReader::email(const std::string& name, bool required) {
  auto value = text(name, required, 0, 254);
  if (value && !hotsox::is_valid_email(*value)) {
    refuse(name, kNotEmail);
    return std::nullopt;
  }
  return value;
}

std::optional<long long> BodyReader::integer(const std::string& name, bool required, std::optional<long long> ge,
                                             std::optional<long long> le) {
  const Json::Value* value = value_of(name, required);
  if (!value) return std::nullopt;
  auto parsed = parse_int(*value);
  std::optional<Refusal> refusal = parsed.refusal;
  if (!refusal) refusal = check_range(*parsed.value, ge, le);
  if (refusal) {
    refuse(name, *refusal);
    return std::nullopt;
  }
  return parsed.value;
}

std::optional<bool> BodyReader::boolean(const std::string& name, bool required) {
  const Json::Value* value = value_of(name, required);
  if (!value) return std::nullopt;
  auto parsed = parse_bool(*value);
  if (parsed.refusal) refuse(name, *parsed.refusal);
  return parsed.value;
}

std::optional<std::string> BodyReader::text_null_as_blank(const std::string& name, std::size_t max_length) {
  if (present(name) && body_[name].isNull() && !unreadable_) return std::string();
  return text(name, false, 0, max_length);
}

std::optional<platform::Date> BodyReader::date(const std::string& name, bool required, bool nullable) {
  const Json::Value* value = value_of(name, required, nullable);
  if (!value) return std::nullopt;
  auto parsed = parse_date(*value);
  if (parsed.refusal) refuse(name, *parsed.refusal);
  return parsed.value;
}

std::optional<double> BodyReader::number(const std::string& name, bool required, double ge, double le) {
  const Json::Value* value = value_of(name, required);
  if (!value) return std::nullopt;
  auto parsed = parse_float(*value);
  std::optional<Refusal> refusal = parsed.refusal;
  if (!refusal) refusal = check_float_range(*parsed.value, ge, le);
  if (refusal) {
    refuse(name, *refusal);
    return std::nullopt;
  }
  return parsed.value;
}

long long PageParams::offset() const {
  long long rows = 0;
  if (__builtin_mul_overflow(page - 1, size, &rows)) return std::numeric_limits<long long>::max();
  return rows;
}

PageParams read_page_params(const platform::Params& query, Problems& problems) {
  PageParams params;
  auto read = [&](const char* name, long long& out, std::optional<long long> le) {
    const auto text = query.last(name);  // a repeated name: Starlette's last value
    if (!text) return;
    auto parsed = parse_int_text(*text);
    std::optional<Refusal> refusal = parsed.refusal;
    if (!refusal) refusal = check_range(*parsed.value, 1, le);
    if (refusal) {
      problems.add({location("query", name), refusal->msg, refusal->type, refusal->ctx});
      return;
    }
    out = *parsed.value;
  };
  read("page", params.page, std::nullopt);
  read("size", params.size, kMaxPageSize);
  return params;
}

Json::Value page_json(const PageParams& params, long long total, Json::Value items) {
  Json::Value page(Json::objectValue);
  page["items"] = std::move(items);
  page["total"] = static_cast<Json::Int64>(total);
  page["page"] = static_cast<Json::Int64>(params.page);
  page["size"] = static_cast<Json::Int64>(params.size);
  page["pages"] = static_cast<Json::Int64>((total + params.size - 1) / params.size);
  return page;
}

std::optional<long long> path_int(const platform::Request& request, const std::string& name, Problems& problems) {
  auto parsed = parse_int_text(request.param(name));
  if (parsed.refusal) {
    problems.add({location("path", name), parsed.refusal->msg, parsed.refusal->type});
    return std::nullopt;
  }
  return parsed.value;
}

std::optional<std::string> path_text(const platform::Request& request, const std::string& name, Problems& problems) {
  const std::string& text = request.param(name);
  if (!platform::utf8_length(text)) {
    problems.add({location("path", name), kNotString.msg, kNotString.type});
    return std::nullopt;
  }
  return text;
}

bool is_adult(const platform::Date& birthday, const platform::Date& today) {
  const double days = static_cast<double>(platform::days_from_civil(today) - platform::days_from_civil(birthday));
  const double years = std::round(std::abs(days) / 365.2425 * 100.0) / 100.0;
  return days >= 0 && years >= 18.0;
}

}  // namespace hotsox_fastapi
