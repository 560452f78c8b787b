#pragma once

#include "platform/context.h"
#include "platform/http.h"

namespace github {

platform::Response list_profiles(const platform::Request& request, platform::Context& context);

}  // namespace github
