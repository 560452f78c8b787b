// A dependency (PostgreSQL, KeyDB, the mail server) that could not do its part.
// The dispatcher answers 503 in the app's error shape.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace platform {

enum class Dependency { kPostgres, kKeyDb, kMailServer };
inline constexpr std::size_t kDependencyCount = 3;

std::string_view dependency_name(Dependency dependency);

class DependencyError : public std::runtime_error {
 public:
  DependencyError(Dependency dependency, const std::string& detail)
      : std::runtime_error(detail), dependency_(dependency) {}
  Dependency dependency() const { return dependency_; }

 private:
  Dependency dependency_;
};

}  // namespace platform
