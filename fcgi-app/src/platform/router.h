// Route tables and path matching. Each app declares one table; the router
// knows nothing else about apps.
#pragma once

#include "platform/context.h"
#include "platform/http.h"
#include "platform/task.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace platform {

using Handler = std::function<Response(const Request&, Context&)>;
// A handler that awaits pipelined reads and writes (context.h): while it
// waits, its worker serves other requests.
using AsyncHandler = std::function<Task<Response>(const Request&, Context&)>;

// How an app's clients expect errors to look.
enum class ErrorShape {
  kErrorAndMessage,  // {"error": "not_found", "message": "..."}
  kMessageOnly,      // {"message": "..."}
};

struct Route {
  std::string method;   // "GET", "POST", ...; a GET route also answers HEAD
  std::string pattern;  // "/hello/{username}": a {name} segment matches any one non-empty segment
  std::variant<Handler, AsyncHandler> handler;
  std::size_t max_body_bytes = 0;  // 0: MAX_BODY_BYTES
};

struct App {
  std::string name;
  ErrorShape error_shape = ErrorShape::kErrorAndMessage;
  std::vector<Route> routes;
};

class Router {
 public:
  struct Entry {
    const App* app;
    const Route* route;
    std::size_t index;  // 1-based position, stable for one build (metrics slot)
    std::string name;   // "GET /hello/{username}"
    std::vector<std::string> segments;
  };
  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
    const Entry* entry = nullptr;
    std::vector<NameValue> params;
    std::string allow;  // for kMethodNotAllowed: "GET, POST"
  };

  // `apps` must outlive the router. Throws std::invalid_argument on a
  // duplicate method and pattern.
  explicit Router(const std::vector<App>& apps);

  Match match(std::string_view method, const std::vector<std::string>& path_segments) const;

  // Metrics labels: [0] is "unmatched", then one per route in table order.
  std::vector<std::string> route_names() const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace platform
