#include "apps/phgen/module.h"

#include "apps/phgen/phrase_memory.h"
#include "apps/phgen/routes.h"

namespace phgen {

apps::Module module() {
  return {
      .app = app(),
      .statements = statements(),
      .near_cached_keys = near_cached_keys(),
      // Each worker's copy of the phrases table, for the change's pick.
      .add_worker_state = [](const platform::EnvLookup&, server::WorkerState& state) { state.put(PhraseMemory{}); }};
}

}  // namespace phgen
