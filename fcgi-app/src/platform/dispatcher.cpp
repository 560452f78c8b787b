#include "platform/dispatcher.h"

#include "platform/dependency.h"

#include <algorithm>
#include <chrono>

namespace platform {

namespace {

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view query_of(std::string_view target) {
  const std::size_t question = target.find('?');
  return question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

// The response for an error on `app`'s routes (null: a path no app claims).
Response format_error(const App* app, const HttpError& error, const Request& request) {
  return app != nullptr ? app->format_error(error, request) : error_and_message(error, request);
}

// The same path with its trailing slash added or removed, if `policy` allows
// a redirect there for `method`.
std::optional<std::string> slash_twin(const SlashRedirect& policy, std::string_view method, std::string_view path) {
  if (policy.status == 0) return std::nullopt;
  if (!policy.methods.empty() &&
      std::find(policy.methods.begin(), policy.methods.end(), method) == policy.methods.end()) {
    return std::nullopt;
  }
  if (path.ends_with('/')) {
    if (policy.add_only || path.size() < 2) return std::nullopt;
    return std::string(path.substr(0, path.size() - 1));
  }
  return std::string(path) + "/";
}

Response redirect(const SlashRedirect& policy, const Request& request, const std::string& path) {
  std::string location = path;
  const std::string_view query = query_of(request.target);
  if (!query.empty()) location += "?" + std::string(query);
  if (policy.absolute_location) {
    const auto proto = request.header("x-forwarded-proto");
    location = std::string(proto ? *proto : "http") + "://" +
               std::string(request.header("host").value_or("localhost")) + location;
  }
  return Response::no_content(policy.status).with_header("Location", location);
}

}  // namespace

std::size_t Dispatcher::body_limit(const Request& request) const {
  const auto segments = split_path(path_of(request.target));
  if (segments) {
    const auto match = router_.match(request.method, *segments);
    if (match.entry != nullptr && match.entry->route->max_body_bytes > 0) return match.entry->route->max_body_bytes;
  }
  return context_.config.max_body_bytes;
}

// Runs the handler: its response, or nullopt with `task` set while it waits.
std::optional<Response> Dispatcher::route_and_run(Request& request, Routed& routed,
                                                  std::optional<Task<Response>>& task) {
  const std::string_view path = path_of(request.target);
  routed.app = router_.app_by_prefix(path);
  auto segments = split_path(path);
  if (!segments) throw HttpError(400, std::string(error_code::kBadRequest), "Malformed percent-encoding in the path");
  const auto match = router_.match(request.method, *segments);
  if (match.app != nullptr) routed.app = match.app;
  if (match.kind == Router::Match::Kind::kNotFound && routed.app != nullptr) {
    const auto twin = slash_twin(routed.app->slash_redirect, request.method, path);
    const auto twin_segments = twin ? split_path(*twin) : std::nullopt;
    if (twin_segments && router_.match(request.method, *twin_segments).kind != Router::Match::Kind::kNotFound) {
      return redirect(routed.app->slash_redirect, request, *twin);
    }
  }
  if (match.kind == Router::Match::Kind::kNotFound) {
    throw HttpError(404, std::string(error_code::kNotFound), "Nothing here: " + std::string(path));
  }
  if (match.kind == Router::Match::Kind::kMethodNotAllowed) {
    if (match.app->check_access_before_405) {
      // Passing every route's check is passing the strictest one's.
      for (const Route* route : match.routes_on_path) {
        if (route->check_access) route->check_access(request, context_);
      }
    }
    throw HttpError(405, std::string(error_code::kMethodNotAllowed),
                    request.method + " is not allowed here; use " + match.allow)
        .with_header("Allow", match.allow);
  }
  routed.entry = match.entry;
  const Router::Entry* entry = match.entry;
  request.path = std::string(path);
  request.path_params = match.params;
  if (request.body_too_large) {
    throw HttpError(413, std::string(error_code::kPayloadTooLarge),
                    "The request body is larger than " + std::to_string(body_limit(request)) + " bytes");
  }
  request.query = Params::parse(query_of(request.target));
  if (const auto* handler = std::get_if<Handler>(&entry->route->handler)) return (*handler)(request, context_);
  task.emplace(std::get<AsyncHandler>(entry->route->handler)(request, context_));
  if (task->done()) return task->result();
  return std::nullopt;
}

template <typename Outcome>
Response Dispatcher::complete(const Request& request, Routed routed, Clock::time_point started, Outcome&& outcome) {
  const Router::Entry* entry = routed.entry;
  Response response;
  try {
    response = outcome();
  } catch (const HttpError& error) {
    response = format_error(routed.app, error, request);
  } catch (const DependencyError& error) {
    log_event("error", std::string(dependency_name(error.dependency())) + ": " + error.what());
    const bool database = error.dependency() == Dependency::kPostgres;
    response = format_error(
        routed.app,
        HttpError(503, std::string(database ? error_code::kDatabaseUnavailable : error_code::kCacheUnavailable),
                  database ? "The database is unavailable, try again shortly"
                           : "The cache is unavailable, try again shortly"),
        request);
  } catch (const std::exception& error) {
    log_event("error",
              std::string("unhandled exception in ") + (entry ? entry->name : "dispatch") + ": " + error.what());
    response = format_error(routed.app,
                            HttpError(500, std::string(error_code::kInternalError), "Internal server error"), request);
  }
  if (!request.request_id.empty()) response.with_header("X-Request-Id", request.request_id);

  const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  context_.metrics.record_request(entry ? entry->index : 0, response.status, duration);
  context_.metrics.request_finished();
  access_log_.add({request.request_id, request.method, path_of(request.target),
                   entry ? std::string_view(entry->name) : std::string_view("unmatched"), response.status, duration});
  return response;
}

std::optional<Response> Dispatcher::start(std::unique_ptr<Request> request, std::uint64_t ticket) {
  const auto started = Clock::now();
  context_.metrics.request_started();  // until complete() records it
  Routed routed;
  std::optional<Task<Response>> task;
  std::optional<Response> response;
  std::exception_ptr error;
  try {
    response = route_and_run(*request, routed, task);
  } catch (...) {
    error = std::current_exception();
  }
  if (!error && !response) {
    waiting_.push_back({ticket, std::move(request), routed, started, std::move(*task)});
    return std::nullopt;
  }
  return complete(*request, routed, started, [&]() -> Response {
    if (error) std::rethrow_exception(error);
    return std::move(*response);
  });
}

std::vector<Dispatcher::Finished> Dispatcher::take_finished() {
  std::vector<Finished> finished;
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (!it->task.done()) {
      ++it;
      continue;
    }
    finished.push_back(
        {it->ticket, complete(*it->request, it->routed, it->started, [&] { return it->task.result(); })});
    it = waiting_.erase(it);
  }
  return finished;
}

}  // namespace platform
