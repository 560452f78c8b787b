// A sock as the API reads and validates it. Pure.
#pragma once

#include "apps/hotsox/fields.h"
#include "platform/calendar.h"
#include "platform/expected.h"

#include <json/value.h>

#include <string>

namespace hotsox {

// What an owner may set about a sock. Choices are 1..N.
struct SockFields {
  std::string info_name;
  std::string info_about;
  int info_color = 1;             // 1..10
  int info_fabric = 1;            // 1..7
  int info_fabric_thickness = 1;  // 1..7
  int info_brand = 1;             // 1..13
  int info_type = 1;              // 1..9
  int info_size = 1;              // 1..7
  int info_age = 0;
  platform::Date info_separation_date;
  int info_condition = 1;  // 1..12
  int info_holes = 0;
  int info_kilometers = 0;
  int info_inoutdoor = 1;  // 1..9
  int info_washed = 0;
  std::string info_special;  // at most 250 characters
};

// The columns' range (PostgreSQL SMALLINT, Django's PositiveSmallIntegerField).
inline constexpr long long kMaxSmallCount = 32767;
inline constexpr std::size_t kMaxSpecialLength = 250;

// Applies the fields of `body` onto `current` (new_sock_defaults for a new
// sock: info_separation_date is today), a create or a full update alike: the
// required ones must be there, an absent optional one keeps its value. The
// joining date, id and owner are read-only and ignored.
platform::Expected<SockFields, FieldErrors> read_sock_input(const Json::Value& body, SockFields current);

// A sock for a create: every default, the separation date today.
SockFields new_sock_defaults(const platform::Date& today);

Json::Value sock_fields_json(const SockFields& sock);

}  // namespace hotsox
