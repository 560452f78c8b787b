#pragma once

#include "platform/http.h"
#include "platform/task.h"
#include "server/context.h"

namespace users {

platform::Task<platform::Response> create_user(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> get_user(const platform::Request& request, server::Context& context);

}  // namespace users
