// PhGen's handlers; the admin API's token is checked by its routes' policy (routes.cpp).
#pragma once

#include "platform/http.h"
#include "platform/task.h"
#include "server/context.h"

namespace phgen {

platform::Task<platform::Response> get_current_phrase(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> change_current_phrase(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> list_phrases(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> add_phrase(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> delete_phrase(const platform::Request& request, server::Context& context);

}  // namespace phgen
