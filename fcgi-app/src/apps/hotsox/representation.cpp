#include "apps/hotsox/representation.h"

#include "apps/hotsox/media.h"

namespace hotsox {

namespace {

Json::Value pictures_json(const std::vector<Picture>& pictures) {
  Json::Value list(Json::arrayValue);
  for (const Picture& picture : pictures) list.append(picture_json(picture));
  return list;
}

}  // namespace

Json::Value picture_json(const Picture& picture) {
  Json::Value value(Json::objectValue);
  value["id"] = Json::Int64(picture.id);
  value["profile_picture"] = media_url(picture.file_name);
  return value;
}

Json::Value sock_json(const Sock& sock) {
  Json::Value value = sock_fields_json(sock.fields);
  value["id"] = Json::Int64(sock.id);
  value["info_joining_date"] = platform::format_iso_date(sock.info_joining_date);
  value["profile_picture"] = pictures_json(sock.pictures);
  return value;
}

Json::Value account_json(const Account& account) {
  Json::Value value = profile_json(account.profile);
  value["id"] = Json::Int64(account.id);
  value["is_staff"] = account.is_staff;
  value["is_active"] = account.is_active;
  value["date_joined"] = account.date_joined;
  value["profile_picture"] = pictures_json(account.pictures);
  Json::Value socks(Json::arrayValue);
  for (const Sock& sock : account.socks) socks.append(sock_json(sock));
  value["sock"] = socks;
  return value;
}

}  // namespace hotsox
