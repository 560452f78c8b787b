// What HotSox reads from a request besides its token and path ids: the body
// as a JSON object, DRF's page numbers and a picture upload.
#pragma once

#include "apps/hotsox/image_type.h"
#include "platform/http.h"

#include <json/value.h>

#include <optional>
#include <string>
#include <string_view>

namespace hotsox {

// A JSON object body, a form (urlencoded or multipart: its text fields) or
// nothing (an empty object, for an empty body of any media type), as DRF's
// parsers read them. Throws HttpError 400 for malformed JSON or a JSON value
// that is not an object, 415 for any other media type.
Json::Value read_body(const platform::Request& request);

// A whole number from 1 of at most 18 digits, such as a page number. (Path
// ids are the router's: {id:int}.)
std::optional<long long> parse_id(std::string_view text);

// DRF's PageNumberPagination: ?page=N (or "last"), kPageSize a page (the
// original's PAGE_SIZE).
inline constexpr long long kPageSize = 20;
struct PageWindow {
  long long page = 1;
  long long offset = 0;
};
// Throws 404 {"detail": "Invalid page."} for a page that is not a number
// from 1 or lies past the last one (page 1 always exists).
PageWindow page_window(const platform::Params& query, long long count);
// {"count", "next", "previous", "results"}; links are `page_url` with the page
// parameter (none for the first page, as DRF drops it).
Json::Value page_json(const std::string& page_url, const PageWindow& window, long long count, Json::Value results);
// The absolute URL of the request's path, as DRF's build_absolute_uri makes
// links: http://<Host><path> (https when NGINX says the request came so).
std::string absolute_url(const platform::Request& request);

inline constexpr std::string_view kPictureField = "profile_picture";
inline constexpr std::size_t kMaxPictureBytes = 5 * 1024 * 1024;
// A route's body limit for uploads: the picture plus room for multipart framing.
inline constexpr std::size_t kMaxUploadBodyBytes = kMaxPictureBytes + 64 * 1024;

struct PictureUpload {
  std::string_view content;  // inside the request body
  ImageType type;
};
// DRF's ImageField message, for anything that is not a whole JPEG, PNG or WebP.
inline constexpr std::string_view kNotAnImage =
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

// The image in the multipart field "profile_picture". Pure. Throws HttpError
// 415 when the body is not multipart/form-data and 400 with a field error
// {"profile_picture": [...]} for a malformed body, a missing, empty or
// oversized file, or content that is not JPEG, PNG or WebP.
PictureUpload read_picture_upload(std::string_view content_type, std::string_view body);

// 400 {"profile_picture": [kNotAnImage]}, for an upload that does not decode
// whole (picture_is_whole_on_pool in pool_work.h).
platform::HttpError not_an_image_error();

}  // namespace hotsox
