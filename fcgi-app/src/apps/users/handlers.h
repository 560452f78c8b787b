#pragma once

#include "platform/context.h"
#include "platform/http.h"

namespace users {

platform::Response create_user(const platform::Request& request, platform::Context& context);
platform::Response get_user(const platform::Request& request, platform::Context& context);

}  // namespace users
