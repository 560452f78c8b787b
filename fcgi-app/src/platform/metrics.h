// Request and dependency counters shared by every worker of the pool.
//
// The counters live in one block of shared memory: a file mapped by every
// worker (METRICS_FILE; needed with spawn-fcgi, whose children share nothing
// else), or anonymous shared memory created by the supervisor before it forks.
#pragma once

#include "platform/dependency.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace platform {

class Metrics {
 public:
  // `route_names[0]` is used for requests that matched no route.
  // Throws std::system_error when the file cannot be mapped.
  Metrics(const std::string& file, std::vector<std::string> route_names);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void record_request(std::size_t route_index, int status, std::chrono::microseconds duration);
  void record_dependency_error(Dependency dependency);
  void record_worker_start();
  void set_workers_alive(long count);

  // Prometheus text exposition format 0.0.4.
  std::string render_prometheus() const;

  static constexpr std::size_t kMaxRoutes = 256;

 private:
  struct Block;
  Block* block_ = nullptr;
  std::vector<std::string> route_names_;
};

}  // namespace platform
