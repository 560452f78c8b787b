// Request and dependency counters shared by every worker of the pool.
//
// The counters live in one block of shared memory: a file mapped by every
// worker (METRICS_FILE; needed with spawn-fcgi, whose children share nothing
// else), or anonymous shared memory created by the supervisor before it forks.
// Gauges that other layers compute when the page is rendered (a queue's
// length, say) come from collectors registered in the worker: the platform
// knows their names only from what the collectors return.
#pragma once

#include "platform/dependency.h"

#include <chrono>
#include <cstddef>
#include <functional>
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
  // This process is a worker from now on: it takes a slot of its own for the
  // busy-worker and in-flight gauges (a slot whose worker died is reused).
  void record_worker_start();
  void set_workers_alive(long count);
  // A request of this worker was read / answered (no-op before record_worker_start()).
  void request_started();
  void request_finished();

  struct Gauge {
    std::string name;  // fcgi_...
    std::string help;
    double value = 0;
  };
  // Computes its gauges when a page is rendered. It may throw (its dependency
  // is away): its gauges are left out of that page, the rest is rendered.
  using Collector = std::function<std::vector<Gauge>()>;
  // This process's pages include the collector's gauges from now on. What it
  // reads must outlive every later render_prometheus() of this object.
  void add_collector(Collector collector);

  // Prometheus text exposition format 0.0.4.
  std::string render_prometheus() const;

  static constexpr std::size_t kMaxRoutes = 256;
  // More than the supervisor's 256 workers, so that draining workers of a
  // reload and their successors all find one.
  static constexpr std::size_t kMaxWorkerSlots = 1024;

 private:
  struct Block;
  void render_requests(std::string& out) const;
  void render_latency(std::string& out) const;
  void render_dependencies(std::string& out) const;
  void render_workers(std::string& out) const;
  void render_collected(std::string& out) const;

  Block* block_ = nullptr;
  std::vector<std::string> route_names_;
  std::size_t worker_slot_ = kMaxWorkerSlots;  // none yet
  std::vector<Collector> collectors_;
};

}  // namespace platform
