// What a handler receives: the composition root of a worker.
#pragma once

#include "platform/context.h"

namespace server {

using Context = platform::Context;

}  // namespace server
