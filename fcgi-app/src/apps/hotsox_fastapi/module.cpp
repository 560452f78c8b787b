#include "apps/hotsox_fastapi/module.h"

#include "apps/hotsox/module.h"
#include "apps/hotsox_fastapi/routes.h"

namespace hotsox_fastapi {

// HotSox's second API surface: its settings, per-worker state and job kinds
// are HotSox's (apps/hotsox/module.h), declared once by hotsox::module(); the
// state is declared here too, since these handlers read it.
apps::Module module() {
  return {.app = app(), .statements = statements(), .add_worker_state = hotsox::add_worker_state};
}

}  // namespace hotsox_fastapi
