#include "platform/dependency.h"

namespace platform {

std::string_view dependency_name(Dependency dependency) {
  switch (dependency) {
    case Dependency::kPostgres: return "postgres";
    case Dependency::kKeyDb: return "keydb";
    case Dependency::kMailServer: return "mail";
  }
  return "unknown";
}

}  // namespace platform
