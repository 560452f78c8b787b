#include "apps/hotsox/auth.h"
#include "apps/hotsox/handlers.h"
#include "apps/hotsox/media.h"
#include "apps/hotsox/pool_work.h"
#include "apps/hotsox/representation.h"
#include "apps/hotsox/request_input.h"
#include "apps/hotsox/settings.h"

namespace hotsox {

namespace {

using platform::Response;

// Checks the upload, writes the file, then records it; a row that cannot be
// recorded (its user or sock went away meanwhile) takes its file with it.
platform::Task<Response> store_picture(const platform::Request& request, server::Context& context, long long owner_id,
                                       std::optional<long long> sock_id) {
  const PictureUpload upload = read_picture_upload(request.header("content-type").value_or(""), request.body);
  if (!co_await picture_is_whole_on_pool(context, upload.content, upload.type)) throw not_an_image_error();
  const MediaStore media(context.state<Settings>().media_dir);
  const std::string file_name = media.save(upload.content, image_extension(upload.type));
  std::optional<Picture> picture;
  try {
    picture =
        PictureStore(context.db).insert(owner_id, sock_id, file_name, static_cast<long long>(upload.content.size()));
  } catch (...) {
    media.remove(file_name);
    throw;
  }
  if (!picture) {
    media.remove(file_name);
    throw detail_error(404, "Not found.");
  }
  co_return Response::json(201, picture_json(*picture));
}

// The original answered a picture that is missing or not the caller's with
// DRF's "Not found." text, but as a 400.
Response remove_picture(server::Context& context, long long owner_id, std::optional<long long> sock_id,
                        long long picture_id) {
  if (!PictureStore(context.db).remove(owner_id, sock_id, picture_id)) {
    throw detail_error(400, "Not found.");
  }
  return Response::no_content();
}

}  // namespace

platform::Task<Response> add_profile_picture(const platform::Request& request, server::Context& context, Principal me) {
  co_return co_await store_picture(request, context, me.id, std::nullopt);
}

Response delete_profile_picture(const platform::Request& request, server::Context& context, Principal me) {
  return remove_picture(context, me.id, std::nullopt, request.int_param("id"));
}

platform::Task<Response> add_sock_picture(const platform::Request& request, server::Context& context, Principal me) {
  const long long sock_id = request.int_param("id");
  // Before any file is written: the sock must be the caller's.
  if (!SockStore(context.db).find(me.id, sock_id)) {
    Json::Value body(Json::objectValue);
    body["error"] = "Could not find sock";
    throw platform::HttpError::with_body(400, body);
  }
  co_return co_await store_picture(request, context, me.id, sock_id);
}

Response delete_sock_picture(const platform::Request& request, server::Context& context, Principal me) {
  return remove_picture(context, me.id, request.int_param("id"), request.int_param("pic"));
}

}  // namespace hotsox
