#include "apps/hotsox/auth.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/representation.h"
#include "apps/hotsox/request_input.h"

namespace hotsox {

namespace {

using platform::HttpError;
using platform::Response;

// Another user's sock is as absent as a sock that never was.
Sock own_sock_or_not_found(SockStore& socks, long long owner_id, long long sock_id) {
  auto sock = socks.find(owner_id, sock_id);
  if (!sock) throw detail_error(404, "Not found.");
  return std::move(*sock);
}

SockFields valid_or_throw(platform::Expected<SockFields, FieldErrors> input) {
  if (!input) throw HttpError::with_body(400, field_errors_json(input.error()));
  return std::move(input).value();
}

}  // namespace

Response list_socks(const platform::Request& request, server::Context& context, Principal me) {
  SockStore socks(context.db);
  const long long count = socks.count(me.id);
  const PageWindow window = page_window(request.query, count);
  Json::Value results = json_list(socks.list(me.id, kPageSize, window.offset), sock_json);
  return Response::json(200, page_json(absolute_url(request), window, count, std::move(results)));
}

Response create_sock(const platform::Request& request, server::Context& context, Principal me) {
  const SockFields fields =
      valid_or_throw(read_sock_input(read_body(request), new_sock_defaults(context.config.today())));
  SockStore socks(context.db);
  const auto id = socks.insert(me.id, fields);
  if (!id) throw detail_error(401, "User not found", "user_not_found");
  return Response::json(201, sock_create_json(own_sock_or_not_found(socks, me.id, *id)));
}

Response get_sock(const platform::Request& request, server::Context& context, Principal me) {
  SockStore socks(context.db);
  return Response::json(200, sock_json(own_sock_or_not_found(socks, me.id, request.int_param("id"))));
}

Response update_sock(const platform::Request& request, server::Context& context, Principal me) {
  const long long sock_id = request.int_param("id");
  SockStore socks(context.db);
  const Sock current = own_sock_or_not_found(socks, me.id, sock_id);
  const SockFields fields = valid_or_throw(read_sock_input(read_body(request), current.fields));
  if (!socks.update(me.id, sock_id, fields)) throw detail_error(404, "Not found.");
  return Response::json(202, sock_update_json(own_sock_or_not_found(socks, me.id, sock_id)));
}

Response delete_sock(const platform::Request& request, server::Context& context, Principal me) {
  if (!SockStore(context.db).remove(me.id, request.int_param("id"))) throw detail_error(404, "Not found.");
  return Response::no_content();
}

}  // namespace hotsox
