// The router with the real route tables: any method and target either match
// a route, or are a 404, 405 or 400, never a crash.
#include "apps/registry.h"
#include "platform/router.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const apps::Registry registry = apps::all();
  static const platform::Router router(registry.apps);
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t space = input.find(' ');
  const std::string method = space == std::string::npos ? "GET" : input.substr(0, space);
  const std::string target = space == std::string::npos ? input : input.substr(space + 1);
  const auto segments = platform::split_path(target.substr(0, target.find('?')));
  if (!segments) return 0;
  const auto match = router.match(method, *segments);
  if (match.kind == platform::Router::Match::Kind::kFound && match.entry == nullptr) __builtin_trap();
  if (match.kind == platform::Router::Match::Kind::kMethodNotAllowed && match.allow.empty()) __builtin_trap();
  return 0;
}
