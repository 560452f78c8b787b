// Route tables and path matching. Each app declares one table; the router
// knows nothing else about apps.
#pragma once

#include "platform/context.h"
#include "platform/errors.h"
#include "platform/http.h"
#include "platform/task.h"

#include <concepts>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace platform {

namespace detail {

// The context a function of (const Request&, SomeContext&) takes.
template <class R, class C>
C& context_parameter(R (*)(const Request&, C&));
template <class R, class L, class C>
C& context_parameter(R (L::*)(const Request&, C&) const);
template <class R, class L, class C>
C& context_parameter(R (L::*)(const Request&, C&));
template <class F>
auto context_parameter(const F&) -> decltype(context_parameter(&F::operator()));
Context& context_parameter(...);

template <class F>
using ContextParameter = std::remove_reference_t<decltype(context_parameter(std::declval<F>()))>;

}  // namespace detail

// A function of a request and the worker's context. It may take a context
// derived from Context (the server's composition root, server/context.h): the
// dispatcher is given that one, so this is the one place that casts it back,
// and the platform never names what the derived context holds.
template <class Result>
class ContextFunction {
 public:
  ContextFunction() = default;
  template <class F, class AppContext = detail::ContextParameter<std::decay_t<F>>>
  requires(!std::same_as<std::decay_t<F>, ContextFunction> && std::derived_from<AppContext, Context> &&
           std::is_invocable_r_v<Result, std::decay_t<F>&, const Request&, AppContext&>)
      // Implicit: route tables list plain functions. The constraint keeps it
      // from hiding the copy and move constructors.
      // NOLINTNEXTLINE(bugprone-forwarding-reference-overload)
      ContextFunction(F&& function)
      : function_([function = std::forward<F>(function)](const Request& request, Context& context) mutable -> Result {
          return function(request, static_cast<AppContext&>(context));
        }) {}

  Result operator()(const Request& request, Context& context) const { return function_(request, context); }
  explicit operator bool() const { return static_cast<bool>(function_); }

 private:
  std::function<Result(const Request&, Context&)> function_;
};

using Handler = ContextFunction<Response>;
// A handler that awaits pipelined reads and writes (server/context.h): while
// it waits, its worker serves other requests.
using AsyncHandler = ContextFunction<Task<Response>>;

// Who may call a route, as the app that owns it decides: throws the app's
// 401/403 for a caller the route's policy refuses.
using AccessCheck = ContextFunction<void>;

struct Route {
  std::string method;  // "GET", "POST", ...; a GET route also answers HEAD
  // "/hello/{username}": a {name} segment matches any one non-empty segment;
  // a {name:int} segment only a whole number (parse_integer, text.h), which
  // the handler reads with Request::int_param. Like Django's <int:name>, a
  // path with anything else there is not this route's.
  std::string pattern;
  std::variant<Handler, AsyncHandler> handler;
  std::size_t max_body_bytes = 0;  // 0: MAX_BODY_BYTES
  // The route's policy (the app's route helper applies it before the
  // handler, to hand the handler its caller). Null: anyone may call.
  AccessCheck check_access{};
};

// Answering a path that misses a route only by its trailing slash as the
// original framework did: Django's APPEND_SLASH (301, adds a slash, never for
// a method whose body the redirect would lose) or Starlette's
// redirect_slashes (307 both ways, method and body kept).
struct SlashRedirect {
  int status = 0;  // 0: no redirect, a plain 404
  bool add_only = false;
  std::vector<std::string> methods{};  // empty: every method
  bool absolute_location = false;      // "http://host/path/" rather than "/path/"
};

struct App {
  std::string name;
  // How every error on this app's routes looks, the platform's own included (errors.h).
  ErrorFormatter format_error = error_and_message;
  std::vector<Route> routes;
  // A path under this prefix that matches no route still gets this app's
  // error shape ("/fastapi/v1/"); empty: the app claims no prefix.
  std::string path_prefix{};
  SlashRedirect slash_redirect{};
  // DRF authenticates and checks permissions before it looks for the
  // method's handler, so its clients see a 401 for a wrong method without
  // credentials: when set, a 405 on this app's paths comes only after the
  // caller passed the access check of every route on the path.
  bool check_access_before_405 = false;
};

// The pattern as OpenAPI writes it and the metrics name it: "/sock/{id:int}/"
// becomes "/sock/{id}/".
std::string path_template(std::string_view pattern);

// The names of the pattern's {name:int} segments, in order.
std::vector<std::string> int_parameter_names(std::string_view pattern);

class Router {
 public:
  struct Entry {
    const App* app;
    const Route* route;
    std::size_t index;  // 1-based position, stable for one build (metrics slot)
    std::string name;   // "GET /hello/{username}" (path_template)
    std::vector<std::string> segments;
  };
  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
    const Entry* entry = nullptr;
    std::vector<NameValue> params;
    std::string allow;                         // for kMethodNotAllowed: "GET, POST"
    std::vector<const Route*> routes_on_path;  // for kMethodNotAllowed: the routes it lists
    // The app whose error shape applies: the route's, the one whose routes
    // have this path (405), or the one claiming the path's prefix; may be null.
    const App* app = nullptr;
  };

  // `apps` must outlive the router. Throws std::invalid_argument on a
  // duplicate method and pattern.
  explicit Router(const std::vector<App>& apps);

  Match match(std::string_view method, const std::vector<std::string>& path_segments) const;
  // The app that claims `path` by its prefix (the longest), or null.
  const App* app_by_prefix(std::string_view path) const;

  // Metrics labels: [0] is "unmatched", then one per route in table order.
  std::vector<std::string> route_names() const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::vector<const App*> apps_;
};

}  // namespace platform
