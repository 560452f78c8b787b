#include "platform/router.h"

#include "platform/text.h"

#include <stdexcept>

namespace platform {

namespace {

constexpr std::string_view kIntegerType = ":int";

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "{id:int}" -> "id:int"
std::string_view parameter_text(std::string_view segment) { return segment.substr(1, segment.size() - 2); }

bool is_integer_parameter(std::string_view segment) {
  return is_parameter(segment) && parameter_text(segment).ends_with(kIntegerType);
}

// "{id:int}" and "{id}" -> "id"
std::string parameter_name(std::string_view segment) {
  const std::string_view text = parameter_text(segment);
  return std::string(text.substr(0, text.find(':')));
}

bool valid_pattern_segment(std::string_view segment) {
  if (!is_parameter(segment)) return true;
  const std::string_view text = parameter_text(segment);
  const std::size_t colon = text.find(':');
  return colon != 0 && (colon == std::string_view::npos || text.substr(colon) == kIntegerType);
}

bool segment_matches(std::string_view expected, const std::string& actual) {
  if (!is_parameter(expected)) return expected == actual;
  if (actual.empty()) return false;
  return !is_integer_parameter(expected) || parse_integer(actual).has_value();
}

}  // namespace

std::string path_template(std::string_view pattern) {
  std::string result(pattern);
  for (std::size_t at = result.find(":int}"); at != std::string::npos; at = result.find(":int}", at)) {
    result.erase(at, kIntegerType.size());
  }
  return result;
}

std::vector<std::string> int_parameter_names(std::string_view pattern) {
  std::vector<std::string> names;
  for (const std::string& segment : split_path(pattern).value_or(std::vector<std::string>{})) {
    if (is_integer_parameter(segment)) names.push_back(parameter_name(segment));
  }
  return names;
}

Router::Router(const std::vector<App>& apps) {
  for (const App& app : apps) {
    apps_.push_back(&app);
    for (const Route& route : app.routes) {
      auto segments = split_path(route.pattern);
      if (!segments) throw std::invalid_argument("bad route pattern " + route.pattern);
      for (const std::string& segment : *segments) {
        if (!valid_pattern_segment(segment)) throw std::invalid_argument("bad route parameter " + segment);
      }
      std::string name = route.method + " " + path_template(route.pattern);
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
      same_shape = segment_matches(entry.segments[i], path_segments[i]);
    }
    if (!same_shape) continue;
    if (entry.route->method != wanted) {
      if (result.allow.find(entry.route->method) == std::string::npos) {
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += entry.route->method;
      }
      result.routes_on_path.push_back(entry.route);
      result.kind = Match::Kind::kMethodNotAllowed;
      result.app = entry.app;
      continue;
    }
    result.kind = Match::Kind::kFound;
    result.entry = &entry;
    result.app = entry.app;
    result.allow.clear();
    result.routes_on_path.clear();
    for (std::size_t i = 0; i < path_segments.size(); ++i) {
      const std::string& expected = entry.segments[i];
      if (is_parameter(expected)) result.params.emplace_back(parameter_name(expected), path_segments[i]);
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
