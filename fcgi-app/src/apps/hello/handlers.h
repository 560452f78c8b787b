#pragma once

#include "platform/http.h"
#include "platform/task.h"
#include "server/context.h"

namespace hello {

platform::Task<platform::Response> save_birthday(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> greet(const platform::Request& request, server::Context& context);

}  // namespace hello
