#include "apps/hotsox/sock_input.h"

#include "apps/hotsox/field_limits.h"

namespace hotsox {

namespace {

struct Choice {
  const char* name;
  int SockFields::*field;
  int count;
};

constexpr Choice kChoices[] = {
    {"info_color", &SockFields::info_color, 10},
    {"info_fabric", &SockFields::info_fabric, 7},
    {"info_fabric_thickness", &SockFields::info_fabric_thickness, 7},
    {"info_brand", &SockFields::info_brand, 13},
    {"info_type", &SockFields::info_type, 9},
    {"info_size", &SockFields::info_size, 7},
    {"info_condition", &SockFields::info_condition, 12},
    {"info_inoutdoor", &SockFields::info_inoutdoor, 9},
};

struct Count {
  const char* name;
  int SockFields::*field;
};

constexpr Count kCounts[] = {
    {"info_age", &SockFields::info_age},
    {"info_holes", &SockFields::info_holes},
    {"info_kilometers", &SockFields::info_kilometers},
    {"info_washed", &SockFields::info_washed},
};

}  // namespace

SockFields new_sock_defaults(const platform::Date& today) {
  SockFields sock;
  sock.info_separation_date = today;
  return sock;
}

platform::Expected<SockFields, FieldErrors> read_sock_input(const Json::Value& body, SockFields current) {
  SockFields sock = std::move(current);
  FieldReader reader(body);
  if (auto name =
          reader.text("info_name", {.required = true, .allow_blank = false, .max_length = kMaxSockNameLength})) {
    sock.info_name = std::move(*name);
  }
  if (auto about = reader.text("info_about", {.max_length = kMaxSockAboutLength})) sock.info_about = std::move(*about);
  for (const Choice& choice : kChoices) {
    if (auto value = reader.choice(choice.name, choice.count, true)) sock.*choice.field = *value;
  }
  for (const Count& count : kCounts) {
    if (auto value = reader.integer(count.name, 0, kMaxSmallCount, true)) sock.*count.field = static_cast<int>(*value);
  }
  if (auto date = reader.date("info_separation_date", false)) sock.info_separation_date = *date;
  if (auto special =
          reader.text("info_special", {.required = true, .allow_blank = false, .max_length = kMaxSpecialLength})) {
    sock.info_special = std::move(*special);
  }
  if (!reader.errors().empty()) return platform::Unexpected(reader.errors());
  return sock;
}

Json::Value sock_fields_json(const SockFields& sock) {
  Json::Value value(Json::objectValue);
  value["info_name"] = sock.info_name;
  value["info_about"] = sock.info_about;
  for (const Choice& choice : kChoices) value[choice.name] = std::to_string(sock.*choice.field);
  for (const Count& count : kCounts) value[count.name] = sock.*count.field;
  value["info_separation_date"] = platform::format_iso_date(sock.info_separation_date);
  value["info_special"] = sock.info_special;
  return value;
}

}  // namespace hotsox
