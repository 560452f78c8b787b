#pragma once

#include "platform/http.h"
#include "server/context.h"

namespace github {

platform::Response list_profiles(const platform::Request& request, server::Context& context);

}  // namespace github
