#pragma once

#include "platform/http.h"
#include "platform/task.h"
#include "server/context.h"

namespace github {

platform::Task<platform::Response> list_profiles(const platform::Request& request, server::Context& context);

}  // namespace github
