#include "apps/github/module.h"

#include "apps/github/kept_answers.h"
#include "apps/github/profile_store.h"
#include "apps/github/routes.h"

namespace github {

apps::Module module() {
  return {.app = app(),
          .statements = statements(),
          .near_cached_keys = {AnswerCache::kGenerationKey},
          .add_worker_state = [](const platform::EnvLookup&, server::WorkerState& state) { state.put(KeptAnswers{}); }};
}

}  // namespace github
