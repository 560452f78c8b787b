// DRF-style field validation: read one field of a JSON object, record
// {"field": ["message"]} errors with Django REST framework's wording. Pure.
#pragma once

#include "platform/calendar.h"
#include "platform/field_update.h"

#include <json/value.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotsox {

using FieldErrors = std::map<std::string, std::vector<std::string>>;
Json::Value field_errors_json(const FieldErrors& errors);

inline constexpr const char* kRequired = "This field is required.";

struct TextRule {
  bool required = false;
  bool allow_blank = true;
  std::size_t max_length = 0;  // characters; 0: no limit
  bool trim = true;            // DRF trims surrounding whitespace
};

// Reads fields of one request body, as DRF reads a create or a full update
// (PUT): an absent required field is an error, an absent optional one is
// skipped (an update keeps its value). Each reader returns the value when the
// field is present and valid.
class FieldReader {
 public:
  explicit FieldReader(const Json::Value& body) : body_(body) {}

  bool present(const std::string& name) const { return body_.isMember(name); }

  std::optional<std::string> text(const std::string& name, const TextRule& rule);
  // null is accepted and read as a null update; an invalid value is an
  // absent one (its error recorded).
  platform::FieldUpdate<std::string> nullable_text(const std::string& name, const TextRule& rule);
  // A choice "1".."count" (a JSON number or string); the number.
  std::optional<int> choice(const std::string& name, int count, bool required);
  std::optional<long long> integer(const std::string& name, long long min, long long max, bool required);
  platform::FieldUpdate<double> nullable_number(const std::string& name, double min, double max);
  std::optional<bool> boolean(const std::string& name);
  std::optional<platform::Date> date(const std::string& name, bool required);

  void add_error(const std::string& name, std::string message) { errors_[name].push_back(std::move(message)); }
  const FieldErrors& errors() const { return errors_; }

 private:
  // The field's value, or nullptr when absent (recording "required" when it must be there).
  const Json::Value* value_of(const std::string& name, bool required);

  const Json::Value& body_;
  FieldErrors errors_;
};

// Django's validators, simplified where noted.
// Letters (any script), ASCII digits and @ . + - _ ; 1 to 150 characters.
bool is_valid_username(std::string_view username);
// local@domain: a dot-atom local part, a domain of letter/digit/hyphen labels
// with a dot (or "localhost"); at most 254 characters.
bool is_valid_email(std::string_view email);
// http(s)://host[:port][/path][?query][#fragment] with a DNS name, IPv4 or
// [IPv6] host and no whitespace or control characters.
bool is_valid_url(std::string_view url);

// Whole years from `birthday` to `today`: the 18th birthday itself counts as
// 18; a 29 February birthday comes on 1 March in common years.
int age_in_years(const platform::Date& birthday, const platform::Date& today);

}  // namespace hotsox
