#include "apps/hotsox/fields.h"

#include "apps/hotsox/field_limits.h"
#include "platform/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace hotsox {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// How DRF prints a rejected value in "is not a valid choice".
std::string as_text(const Json::Value& value) {
  if (value.isString()) return value.asString();
  if (value.isBool()) return value.asBool() ? "True" : "False";
  if (value.isInt64()) return std::to_string(value.asInt64());
  if (value.isUInt64()) return std::to_string(value.asUInt64());
  if (value.isDouble()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value.asDouble());
    return buffer;
  }
  return "";
}

std::string format_limit(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::optional<long long> parse_whole(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  return platform::parse_integer(text);
}

std::optional<double> parse_decimal(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_dns_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!is_ascii_alnum(c) && c != '-') return false;
  }
  return true;
}

// a.b.c with at least two labels, a top-level label of letters (or "xn--").
bool is_domain_name(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!is_dns_label(label)) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2) return false;
  if (last.rfind("xn--", 0) == 0) return true;
  if (last.size() < 2) return false;
  for (char c : last) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

bool is_ipv4(std::string_view host) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = host.find('.', start);
    const std::string_view part = host.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0')) return false;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

bool is_ipv6_literal(std::string_view inside) {
  if (inside.size() < 2 || inside.size() > 45) return false;
  int colons = 0;
  for (char c : inside) {
    if (c == ':') {
      ++colons;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.')) {
      return false;
    }
  }
  return colons >= 2;
}

}  // namespace

Json::Value field_errors_json(const FieldErrors& errors) {
  Json::Value body(Json::objectValue);
  for (const auto& [name, messages] : errors) {
    Json::Value list(Json::arrayValue);
    for (const auto& message : messages) list.append(message);
    body[name] = list;
  }
  return body;
}

const Json::Value* FieldReader::value_of(const std::string& name, bool required) {
  if (!body_.isObject() || !body_.isMember(name)) {
    if (required) add_error(name, kRequired);
    return nullptr;
  }
  return &body_[name];
}

std::optional<std::string> FieldReader::text(const std::string& name, const TextRule& rule) {
  const Json::Value* value = value_of(name, rule.required);
  if (value == nullptr) return std::nullopt;
  if (value->isNull()) {
    add_error(name, "This field may not be null.");
    return std::nullopt;
  }
  auto result = nullable_text(name, rule);
  if (!result.has_value()) return std::nullopt;
  return result.value();
}

platform::FieldUpdate<std::string> FieldReader::nullable_text(const std::string& name, const TextRule& rule) {
  using Update = platform::FieldUpdate<std::string>;
  const Json::Value* value = value_of(name, rule.required);
  if (value == nullptr) return Update::absent();
  if (value->isNull()) return Update::null();
  std::string text;
  if (value->isString()) {
    text = rule.trim ? trimmed(value->asString()) : value->asString();
  } else if (value->isInt64() || value->isUInt64()) {
    text = as_text(*value);
  } else {
    add_error(name, "Not a valid string.");
    return Update::absent();
  }
  if (text.empty() && !rule.allow_blank) {
    add_error(name, "This field may not be blank.");
    return Update::absent();
  }
  const auto length = platform::utf8_length(text);
  if (!length) {
    add_error(name, "Not a valid string.");
    return Update::absent();
  }
  if (rule.max_length > 0 && *length > rule.max_length) {
    add_error(name, "Ensure this field has no more than " + std::to_string(rule.max_length) + " characters.");
    return Update::absent();
  }
  return Update::to(std::move(text));
}

std::optional<int> FieldReader::choice(const std::string& name, int count, bool required) {
  const Json::Value* value = value_of(name, required);
  if (value == nullptr) return std::nullopt;
  if (value->isNull()) {
    add_error(name, "This field may not be null.");
    return std::nullopt;
  }
  // DRF compares str(value) with the keys "1".."N": 4 and "4" are the same
  // choice, "04", 4.0 and true are not.
  const std::string text = as_text(*value);
  if (value->isString() || value->isInt64() || value->isUInt64()) {
    const auto number = parse_whole(text);
    if (number && *number >= 1 && *number <= count && std::to_string(*number) == text) {
      return static_cast<int>(*number);
    }
  }
  add_error(name, "\"" + text + "\" is not a valid choice.");
  return std::nullopt;
}

std::optional<long long> FieldReader::integer(const std::string& name, long long min, long long max, bool required) {
  const Json::Value* value = value_of(name, required);
  if (value == nullptr) return std::nullopt;
  if (value->isNull()) {
    add_error(name, "This field may not be null.");
    return std::nullopt;
  }
  std::optional<long long> number;
  if (value->isInt64()) {
    number = value->asInt64();
  } else if (value->isDouble() && !value->isUInt64()) {
    const double d = value->asDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) number = static_cast<long long>(d);
  } else if (value->isString()) {
    // DRF accepts "7" and "7.0" but not "7.5".
    std::string text = trimmed(value->asString());
    const std::size_t point = text.find('.');
    if (point != std::string::npos && text.find_first_not_of('0', point + 1) == std::string::npos) {
      text.resize(point);
    }
    if (text.size() <= 20) number = parse_whole(text);
  }
  if (!number) {
    add_error(name, "A valid integer is required.");
    return std::nullopt;
  }
  if (*number < min) {
    add_error(name, "Ensure this value is greater than or equal to " + std::to_string(min) + ".");
    return std::nullopt;
  }
  if (*number > max) {
    add_error(name, "Ensure this value is less than or equal to " + std::to_string(max) + ".");
    return std::nullopt;
  }
  return number;
}

platform::FieldUpdate<double> FieldReader::nullable_number(const std::string& name, double min, double max) {
  using Update = platform::FieldUpdate<double>;
  const Json::Value* value = value_of(name, false);
  if (value == nullptr) return Update::absent();
  if (value->isNull()) return Update::null();
  std::optional<double> number;
  if (value->isNumeric() && !value->isBool()) {
    number = value->asDouble();
    if (!std::isfinite(*number)) number.reset();
  } else if (value->isString()) {
    const std::string text = trimmed(value->asString());
    if (text.empty()) return Update::null();  // a form's empty input means "no value"
    if (text.size() <= 64) number = parse_decimal(text);
  }
  if (!number) {
    add_error(name, "A valid number is required.");
    return Update::absent();
  }
  if (*number < min) {
    add_error(name, "Ensure this value is greater than or equal to " + format_limit(min) + ".");
    return Update::absent();
  }
  if (*number > max) {
    add_error(name, "Ensure this value is less than or equal to " + format_limit(max) + ".");
    return Update::absent();
  }
  return Update::to(*number);
}

std::optional<bool> FieldReader::boolean(const std::string& name) {
  const Json::Value* value = value_of(name, false);
  if (value == nullptr) return std::nullopt;
  // DRF rejects null before reading the value, with its own message.
  if (value->isNull()) {
    add_error(name, "This field may not be null.");
    return std::nullopt;
  }
  if (value->isBool()) return value->asBool();
  if (value->isInt64() && (value->asInt64() == 0 || value->asInt64() == 1)) return value->asInt64() == 1;
  if (value->isString()) {
    static const char* const kTrue[] = {"true", "True", "TRUE", "t",  "T",  "yes", "Yes",
                                        "YES",  "y",    "Y",    "on", "On", "ON",  "1"};
    static const char* const kFalse[] = {"false", "False", "FALSE", "f",   "F",   "no",  "No",
                                         "NO",    "n",     "N",     "off", "Off", "OFF", "0"};
    const std::string text = value->asString();
    for (const char* word : kTrue) {
      if (text == word) return true;
    }
    for (const char* word : kFalse) {
      if (text == word) return false;
    }
  }
  add_error(name, "Must be a valid boolean.");
  return std::nullopt;
}

std::optional<platform::Date> FieldReader::date(const std::string& name, bool required) {
  const Json::Value* value = value_of(name, required);
  if (value == nullptr) return std::nullopt;
  if (value->isNull()) {
    add_error(name, "This field may not be null.");
    return std::nullopt;
  }
  if (value->isString()) {
    if (auto date = platform::parse_iso_date(trimmed(value->asString()))) return date;
  }
  add_error(name, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
  return std::nullopt;
}

bool is_valid_username(std::string_view username) {
  const auto code_points = platform::decode_utf8(username);
  if (!code_points || code_points->empty() || code_points->size() > kMaxUsernameLength) return false;
  for (char32_t c : *code_points) {
    const bool allowed = (c >= '0' && c <= '9') || c == '@' || c == '.' || c == '+' || c == '-' || c == '_' ||
                         platform::is_unicode_letter(c);
    if (!allowed) return false;
  }
  return true;
}

bool is_valid_email(std::string_view email) {
  if (email.size() > 254) return false;
  const std::size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return false;
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  static constexpr std::string_view kAtext = "!#$%&'*+/=?^_`{|}~-.";
  for (char c : local) {
    if (!is_ascii_alnum(c) && kAtext.find(c) == std::string_view::npos) return false;
  }
  return domain == "localhost" || is_domain_name(domain);
}

bool is_valid_url(std::string_view url) {
  if (url.size() > 2048) return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  std::string_view rest;
  const auto starts_with_scheme = [&](std::string_view scheme) {
    const auto same_letter = [](char lower, char any) {
      return any == lower || (any >= 'A' && any <= 'Z' && static_cast<char>(any - 'A' + 'a') == lower);
    };
    if (url.size() < scheme.size() || !std::equal(scheme.begin(), scheme.end(), url.begin(), same_letter)) {
      return false;
    }
    rest = url.substr(scheme.size());
    return true;
  };
  if (!starts_with_scheme("https://") && !starts_with_scheme("http://")) return false;
  const std::size_t end_of_authority = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end_of_authority);
  if (authority.find('@') != std::string_view::npos) return false;  // no credentials in a profile link
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    if (!is_ipv6_literal(authority.substr(1, close - 1))) return false;
    host = {};
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() != ':') return false;
  } else {
    const std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    authority = colon == std::string_view::npos ? std::string_view() : authority.substr(colon);
    if (!(is_domain_name(host) || is_ipv4(host) || host == "localhost")) return false;
  }
  if (!authority.empty()) {  // ":port"
    const std::string_view port = authority.substr(1);
    if (port.empty() || port.size() > 5) return false;
    const auto number = parse_whole(port);
    if (!number || *number < 1 || *number > 65535 || port.front() == '+') return false;
  }
  return true;
}

int age_in_years(const platform::Date& birthday, const platform::Date& today) {
  int age = today.year - birthday.year;
  if (today.month < birthday.month || (today.month == birthday.month && today.day < birthday.day)) --age;
  return age;
}

}  // namespace hotsox
