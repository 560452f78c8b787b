#include "platform/metrics.h"

#include "platform/unique_fd.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace platform {

namespace {

constexpr std::array<int, 22> kStatuses = {200, 201, 202, 204, 208, 301, 302, 304, 400, 401, 403,
                                           404, 405, 409, 413, 415, 422, 429, 500, 502, 503, 504};
constexpr std::size_t kOtherStatus = kStatuses.size();
constexpr std::array<double, 13> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,    0.25,  0.5,    1,     2.5,  5};
constexpr std::size_t kDependencies = kDependencyCount;
constexpr std::uint64_t kMagic = 0x6663'6769'6d65'7402ULL;  // bump the last byte when Block changes

using Counter = std::atomic<std::uint64_t>;
static_assert(Counter::is_always_lock_free, "counters must be lock-free to live in shared memory");

std::uint64_t fingerprint(const std::vector<std::string>& names) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (const auto& name : names) {
    for (unsigned char c : name) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xff) * 1099511628211ULL;
  }
  return hash;
}

std::size_t status_slot(int status) {
  const auto it = std::find(kStatuses.begin(), kStatuses.end(), status);
  return it == kStatuses.end() ? kOtherStatus : static_cast<std::size_t>(it - kStatuses.begin());
}

void escape_label(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
}

// Whether the worker that took a slot still runs (EPERM: it does, as another user).
bool is_running(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

std::string format_value(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace

struct Metrics::Block {
  std::uint64_t magic;
  std::uint64_t fingerprint;
  Counter dependency_errors[kDependencies];
  Counter worker_starts;
  std::atomic<std::int64_t> workers_alive;
  // One per worker process: which one holds it (0: free) and its requests in
  // progress. Counted only while that process runs, so a worker that died
  // mid-request leaves no request in flight behind.
  struct WorkerSlot {
    std::atomic<std::int32_t> pid;
    std::atomic<std::int64_t> in_flight;
  } worker_slots[kMaxWorkerSlots];
  struct Route {
    Counter by_status[kStatuses.size() + 1];
    Counter latency_buckets[kLatencyBounds.size() + 1];  // the last one is +Inf
    Counter latency_sum_us;
  } routes[kMaxRoutes];
};

Metrics::Metrics(const std::string& file, std::vector<std::string> route_names) : route_names_(std::move(route_names)) {
  if (route_names_.size() > kMaxRoutes) route_names_.resize(kMaxRoutes);
  const std::uint64_t layout = fingerprint(route_names_);
  void* memory = nullptr;
  if (file.empty()) {
    memory = mmap(nullptr, sizeof(Block), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap metrics");
    block_ = static_cast<Block*>(memory);  // anonymous memory starts zeroed
    block_->magic = kMagic;
    block_->fingerprint = layout;
    return;
  }
  const UniqueFd fd(open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd.valid()) throw std::system_error(errno, std::generic_category(), "open " + file);
  // Whoever maps first, or finds a block written by another build, resets it;
  // the lock keeps two workers starting together from both doing so.
  flock(fd.get(), LOCK_EX);
  struct stat info {};
  fstat(fd.get(), &info);
  bool reset = static_cast<std::size_t>(info.st_size) != sizeof(Block);
  if (reset && (ftruncate(fd.get(), 0) != 0 || ftruncate(fd.get(), sizeof(Block)) != 0)) {
    throw std::system_error(errno, std::generic_category(), "resize " + file);
  }
  memory = mmap(nullptr, sizeof(Block), PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
  if (memory == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap " + file);
  block_ = static_cast<Block*>(memory);
  if (reset || block_->magic != kMagic || block_->fingerprint != layout) {
    std::memset(memory, 0, sizeof(Block));
    block_->magic = kMagic;
    block_->fingerprint = layout;
  }
  // Unlocked by hand: the mapping keeps the open file (and so its lock) alive
  // after the descriptor is closed.
  flock(fd.get(), LOCK_UN);
}

Metrics::~Metrics() {
  if (block_ != nullptr) munmap(block_, sizeof(Block));
}

void Metrics::record_request(std::size_t route_index, int status, std::chrono::microseconds duration) {
  if (route_index >= route_names_.size()) route_index = 0;
  auto& route = block_->routes[route_index];
  route.by_status[status_slot(status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  const auto bucket = static_cast<std::size_t>(std::lower_bound(kLatencyBounds.begin(), kLatencyBounds.end(), seconds) -
                                               kLatencyBounds.begin());
  route.latency_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  route.latency_sum_us.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

void Metrics::record_dependency_error(Dependency dependency) {
  block_->dependency_errors[static_cast<std::size_t>(dependency)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::record_worker_start() {
  block_->worker_starts.fetch_add(1, std::memory_order_relaxed);
  const auto self = static_cast<std::int32_t>(getpid());
  for (std::size_t i = 0; i < kMaxWorkerSlots; ++i) {
    auto& slot = block_->worker_slots[i];
    std::int32_t holder = slot.pid.load();
    if (holder != 0 && holder != self && is_running(holder)) continue;
    if (!slot.pid.compare_exchange_strong(holder, self)) continue;  // another worker was quicker
    slot.in_flight.store(0);
    worker_slot_ = i;
    return;
  }
  worker_slot_ = kMaxWorkerSlots;  // more workers than slots: this one's requests go uncounted
}

void Metrics::set_workers_alive(long count) { block_->workers_alive.store(count, std::memory_order_relaxed); }

void Metrics::request_started() {
  if (worker_slot_ < kMaxWorkerSlots) block_->worker_slots[worker_slot_].in_flight.fetch_add(1);
}

void Metrics::request_finished() {
  if (worker_slot_ < kMaxWorkerSlots) block_->worker_slots[worker_slot_].in_flight.fetch_sub(1);
}

void Metrics::add_collector(Collector collector) { collectors_.push_back(std::move(collector)); }

std::string Metrics::render_prometheus() const {
  std::string out;
  out.reserve(8192);
  render_requests(out);
  render_latency(out);
  render_dependencies(out);
  render_workers(out);
  render_collected(out);
  return out;
}

void Metrics::render_requests(std::string& out) const {
  out += "# HELP fcgi_requests_total Requests answered, by route and status.\n";
  out += "# TYPE fcgi_requests_total counter\n";
  for (std::size_t r = 0; r < route_names_.size(); ++r) {
    for (std::size_t s = 0; s <= kStatuses.size(); ++s) {
      const auto count = block_->routes[r].by_status[s].load(std::memory_order_relaxed);
      if (count == 0) continue;
      out += "fcgi_requests_total{route=\"";
      escape_label(out, route_names_[r]);
      out += "\",status=\"";
      out += s == kOtherStatus ? std::string("other") : std::to_string(kStatuses[s]);
      out += "\"} " + std::to_string(count) + "\n";
    }
  }
}

void Metrics::render_latency(std::string& out) const {
  out += "# HELP fcgi_request_duration_seconds Time from request read to response written, by route.\n";
  out += "# TYPE fcgi_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < route_names_.size(); ++r) {
    const auto& route = block_->routes[r];
    std::array<std::uint64_t, kLatencyBounds.size() + 1> cumulative{};
    std::uint64_t total = 0;
    for (std::size_t b = 0; b <= kLatencyBounds.size(); ++b) {
      total += route.latency_buckets[b].load(std::memory_order_relaxed);
      cumulative[b] = total;
    }
    if (total == 0) continue;
    std::string label;
    escape_label(label, route_names_[r]);
    for (std::size_t b = 0; b <= kLatencyBounds.size(); ++b) {
      char bound[32];
      if (b < kLatencyBounds.size()) {
        std::snprintf(bound, sizeof bound, "%g", kLatencyBounds[b]);
      } else {
        std::snprintf(bound, sizeof bound, "+Inf");
      }
      out += "fcgi_request_duration_seconds_bucket{route=\"" + label + "\",le=\"" + bound + "\"} " +
             std::to_string(cumulative[b]) + "\n";
    }
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.6f",
                  static_cast<double>(route.latency_sum_us.load(std::memory_order_relaxed)) / 1e6);
    out += "fcgi_request_duration_seconds_sum{route=\"" + label + "\"} " + sum + "\n";
    out += "fcgi_request_duration_seconds_count{route=\"" + label + "\"} " + std::to_string(total) + "\n";
  }
}

void Metrics::render_dependencies(std::string& out) const {
  out += "# HELP fcgi_dependency_errors_total Failed calls to a dependency (connect, I/O, timeout).\n";
  out += "# TYPE fcgi_dependency_errors_total counter\n";
  for (std::size_t d = 0; d < kDependencies; ++d) {
    out += "fcgi_dependency_errors_total{dependency=\"";
    out += dependency_name(static_cast<Dependency>(d));
    out += "\"} " + std::to_string(block_->dependency_errors[d].load(std::memory_order_relaxed)) + "\n";
  }
}

void Metrics::render_workers(std::string& out) const {
  out += "# HELP fcgi_worker_starts_total Worker processes started (a restart after a crash counts too).\n";
  out += "# TYPE fcgi_worker_starts_total counter\n";
  out += "fcgi_worker_starts_total " + std::to_string(block_->worker_starts.load(std::memory_order_relaxed)) + "\n";
  out += "# HELP fcgi_workers Worker processes the supervisor keeps alive.\n";
  out += "# TYPE fcgi_workers gauge\n";
  out += "fcgi_workers " + std::to_string(block_->workers_alive.load(std::memory_order_relaxed)) + "\n";
  long long busy = 0;
  long long in_flight = 0;
  for (const auto& slot : block_->worker_slots) {
    const std::int32_t pid = slot.pid.load();
    const long long requests = slot.in_flight.load();
    if (pid == 0 || requests <= 0 || !is_running(pid)) continue;
    ++busy;
    in_flight += requests;
  }
  out += "# HELP fcgi_workers_busy Workers with a request in progress (the one answering this page included).\n";
  out += "# TYPE fcgi_workers_busy gauge\n";
  out += "fcgi_workers_busy " + std::to_string(busy) + "\n";
  out += "# HELP fcgi_requests_in_flight Requests read and not yet answered, over all workers.\n";
  out += "# TYPE fcgi_requests_in_flight gauge\n";
  out += "fcgi_requests_in_flight " + std::to_string(in_flight) + "\n";
}

void Metrics::render_collected(std::string& out) const {
  for (const auto& collector : collectors_) {
    std::vector<Gauge> gauges;
    try {
      gauges = collector();
    } catch (const std::exception&) {
      continue;  // the dependency's failure is counted by its store; the page goes on
    }
    for (const auto& gauge : gauges) {
      out += "# HELP " + gauge.name + " " + gauge.help + "\n";
      out += "# TYPE " + gauge.name + " gauge\n";
      out += gauge.name + " " + format_value(gauge.value) + "\n";
    }
  }
}

}  // namespace platform
