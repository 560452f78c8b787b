#pragma once

#include "apps/module.h"

namespace hotsox {

// Everything the server needs of HotSox (apps/module.h).
apps::Module module();

// What each worker keeps for HotSox: its Settings and its SockIndex. The
// FastAPI surface (apps/hotsox_fastapi) shares them.
void add_worker_state(const platform::EnvLookup& env, server::WorkerState& state);

}  // namespace hotsox
