// Password hashing off the worker's loop: argon2id costs tens of
// milliseconds and 12 MiB (password.h), so a handler awaits it on the worker's bounded CPU pool
// (platform/cpu_pool.h) while the worker serves other requests. Both HotSox
// surfaces sign up and log in through these.
#pragma once

#include "platform/cpu_pool.h"
#include "server/context.h"

#include <string>

namespace hotsox {

platform::CpuPool::Run<std::string> hash_on_pool(server::Context& context, std::string password);
platform::CpuPool::Run<bool> verify_on_pool(server::Context& context, std::string hash, std::string password);
// For an unknown username: as long as a real verification, and never a match.
platform::CpuPool::Run<bool> verify_nobody_on_pool(server::Context& context, std::string password);

}  // namespace hotsox
