#pragma once

#include "platform/http.h"
#include "server/context.h"

namespace users {

platform::Response create_user(const platform::Request& request, server::Context& context);
platform::Response get_user(const platform::Request& request, server::Context& context);

}  // namespace users
