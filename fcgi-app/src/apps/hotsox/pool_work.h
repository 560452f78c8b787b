// HotSox's CPU-heavy work off the worker's loop: argon2id costs tens of
// milliseconds and 12 MiB (password.h), decoding a picture of up to 16
// megapixels as long (image_check.h). A handler awaits these on the worker's
// bounded CPU pool (platform/cpu_pool.h) while the worker serves other
// requests; both HotSox surfaces go through them.
#pragma once

#include "apps/hotsox/image_type.h"
#include "platform/cpu_pool.h"
#include "server/context.h"

#include <string>
#include <string_view>

namespace hotsox {

platform::CpuPool::Run<std::string> hash_on_pool(server::Context& context, std::string password);
platform::CpuPool::Run<bool> verify_on_pool(server::Context& context, std::string hash, std::string password);
// For an unknown username: as long as a real verification, and never a match.
platform::CpuPool::Run<bool> verify_nobody_on_pool(server::Context& context, std::string password);
// Whether the upload decodes whole: a first few bytes that look like a picture
// are not one. The content must outlive the await (the request's body does:
// the dispatcher keeps it while the handler waits).
platform::CpuPool::Run<bool> picture_is_whole_on_pool(server::Context& context, std::string_view content,
                                                      ImageType type);

}  // namespace hotsox
