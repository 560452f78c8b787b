#include "platform/detached.h"

#include "platform/access_log.h"

#include <exception>
#include <stdexcept>
#include <string>

namespace platform {

void Detached::promise_type::unhandled_exception() noexcept {
  try {
    throw;
  } catch (const std::exception& error) {
    log_event("error", std::string("a detached task failed: ") + error.what());
  } catch (...) {
    log_event("error", "a detached task failed");
  }
}

}  // namespace platform
