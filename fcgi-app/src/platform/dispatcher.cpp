#include "platform/dispatcher.h"

#include "platform/dependency.h"

#include <chrono>

namespace platform {

namespace {

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view query_of(std::string_view target) {
  const std::size_t question = target.find('?');
  return question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

std::vector<std::string> segments_or_throw(std::string_view path) {
  auto segments = split_path(path);
  if (!segments) throw HttpError(400, "bad_request", "Malformed percent-encoding in the path");
  return std::move(*segments);
}

Response error_response(ErrorShape shape, const HttpError& error) {
  Response response =
      Response::json(error.status(), error.body() ? *error.body() : error_body(shape, error.code(), error.message()));
  for (const auto& [name, value] : error.headers()) response.with_header(name, value);
  return response;
}

}  // namespace

Json::Value error_body(ErrorShape shape, std::string_view code, std::string_view message) {
  Json::Value body(Json::objectValue);
  if (shape == ErrorShape::kErrorAndMessage) body["error"] = std::string(code);
  body["message"] = std::string(message);
  return body;
}

std::size_t Dispatcher::body_limit(const Request& request) const {
  const auto segments = split_path(path_of(request.target));
  if (segments) {
    const auto match = router_.match(request.method, *segments);
    if (match.entry != nullptr && match.entry->route->max_body_bytes > 0) return match.entry->route->max_body_bytes;
  }
  return context_.config.max_body_bytes;
}

// Runs the handler: its response, or nullopt with `task` set while it waits.
std::optional<Response> Dispatcher::route_and_run(Request& request, const Router::Entry*& entry,
                                                  std::optional<Task<Response>>& task) {
  const std::string_view path = path_of(request.target);
  const auto match = router_.match(request.method, segments_or_throw(path));
  if (match.kind == Router::Match::Kind::kNotFound) {
    throw HttpError(404, "not_found", "Nothing here: " + std::string(path));
  }
  if (match.kind == Router::Match::Kind::kMethodNotAllowed) {
    throw HttpError(405, "method_not_allowed", request.method + " is not allowed here; use " + match.allow)
        .with_header("Allow", match.allow);
  }
  entry = match.entry;
  request.path = std::string(path);
  request.path_params = match.params;
  if (request.body_too_large) {
    throw HttpError(413, "payload_too_large",
                    "The request body is larger than " + std::to_string(body_limit(request)) + " bytes");
  }
  request.query = Params::parse(query_of(request.target));
  if (const auto* handler = std::get_if<Handler>(&entry->route->handler)) return (*handler)(request, context_);
  task.emplace(std::get<AsyncHandler>(entry->route->handler)(request, context_));
  if (task->done()) return task->result();
  return std::nullopt;
}

template <typename Outcome>
Response Dispatcher::complete(const Request& request, const Router::Entry* entry, Clock::time_point started,
                              Outcome&& outcome) {
  Response response;
  try {
    response = outcome();
  } catch (const HttpError& error) {
    response = error_response(entry ? entry->app->error_shape : ErrorShape::kErrorAndMessage, error);
  } catch (const DependencyError& error) {
    log_event("error", std::string(dependency_name(error.dependency())) + ": " + error.what());
    const bool database = error.dependency() == Dependency::kPostgres;
    response = Response::json(503, error_body(entry ? entry->app->error_shape : ErrorShape::kErrorAndMessage,
                                              database ? "database_unavailable" : "cache_unavailable",
                                              database ? "The database is unavailable, try again shortly"
                                                       : "The cache is unavailable, try again shortly"));
  } catch (const std::exception& error) {
    log_event("error",
              std::string("unhandled exception in ") + (entry ? entry->name : "dispatch") + ": " + error.what());
    response = Response::json(500, error_body(entry ? entry->app->error_shape : ErrorShape::kErrorAndMessage,
                                              "internal_error", "Internal server error"));
  }
  if (!request.request_id.empty()) response.with_header("X-Request-Id", request.request_id);

  const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  context_.metrics.record_request(entry ? entry->index : 0, response.status, duration);
  access_log_.add({request.request_id, request.method, path_of(request.target),
                   entry ? std::string_view(entry->name) : std::string_view("unmatched"), response.status, duration});
  return response;
}

std::optional<Response> Dispatcher::start(std::unique_ptr<Request> request, std::uint64_t ticket) {
  const auto started = Clock::now();
  const Router::Entry* entry = nullptr;
  std::optional<Task<Response>> task;
  std::optional<Response> response;
  std::exception_ptr error;
  try {
    response = route_and_run(*request, entry, task);
  } catch (...) {
    error = std::current_exception();
  }
  if (!error && !response) {
    waiting_.push_back({ticket, std::move(request), entry, started, std::move(*task)});
    return std::nullopt;
  }
  return complete(*request, entry, started, [&]() -> Response {
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
    finished.push_back({it->ticket, complete(*it->request, it->entry, it->started, [&] { return it->task.result(); })});
    it = waiting_.erase(it);
  }
  return finished;
}

}  // namespace platform
