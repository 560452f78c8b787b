#pragma once

#include "platform/context.h"
#include "platform/http.h"
#include "platform/task.h"

namespace hello {

platform::Response save_birthday(const platform::Request& request, platform::Context& context);
platform::Task<platform::Response> greet(const platform::Request& request, platform::Context& context);

}  // namespace hello
