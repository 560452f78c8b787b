#include "platform/router.h"

#include <stdexcept>

namespace platform {

namespace {

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Router::Router(const std::vector<App>& apps) {
  for (const App& app : apps) {
    apps_.push_back(&app);
    for (const Route& route : app.routes) {
      auto segments = split_path(route.pattern);
      if (!segments) throw std::invalid_argument("bad route pattern " + route.pattern);
      std::string name = route.method + " " + route.pattern;
      for (const Entry& entry : entries_) {
        if (entry.name == name) throw std::invalid_argument("route declared twice: " + name);
      }
      entries_.push_back(Entry{&app, &route, entries_.size() + 1, std::move(name), std::move(*segments)});
    }
  }
}

Router::Match Router::match(std::string_view method, const std::vector<std::string>& path_segments) const {
  Match result;
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  for (const Entry& entry : entries_) {
    if (entry.segments.size() != path_segments.size()) continue;
    bool same_shape = true;
    for (std::size_t i = 0; i < path_segments.size() && same_shape; ++i) {
      const std::string& expected = entry.segments[i];
      same_shape = is_parameter(expected) ? !path_segments[i].empty() : expected == path_segments[i];
    }
    if (!same_shape) continue;
    if (entry.route->method != wanted) {
      if (result.allow.find(entry.route->method) == std::string::npos) {
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += entry.route->method;
      }
      result.kind = Match::Kind::kMethodNotAllowed;
      result.app = entry.app;
      continue;
    }
    result.kind = Match::Kind::kFound;
    result.entry = &entry;
    result.app = entry.app;
    result.allow.clear();
    for (std::size_t i = 0; i < path_segments.size(); ++i) {
      const std::string& expected = entry.segments[i];
      if (is_parameter(expected)) result.params.emplace_back(expected.substr(1, expected.size() - 2), path_segments[i]);
    }
    return result;
  }
  return result;
}

const App* Router::app_by_prefix(std::string_view path) const {
  const App* found = nullptr;
  for (const App* app : apps_) {
    if (app->path_prefix.empty() || !path.starts_with(app->path_prefix)) continue;
    if (found == nullptr || app->path_prefix.size() > found->path_prefix.size()) found = app;
  }
  return found;
}

std::vector<std::string> Router::route_names() const {
  std::vector<std::string> names{"unmatched"};
  for (const Entry& entry : entries_) names.push_back(entry.name);
  return names;
}

}  // namespace platform
