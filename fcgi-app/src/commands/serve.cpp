#include "apps/registry.h"
#include "commands/commands.h"
#include "jobs/queue.h"
#include "platform/access_log.h"
#include "platform/dispatcher.h"
#include "platform/fastcgi_worker.h"
#include "platform/supervisor.h"
#include "server/context.h"
#include "store/keydb.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"
#include "store/transaction_pool.h"

#include <malloc.h>
#include <unistd.h>

#include <iostream>

namespace commands {

namespace {

constexpr const char* kUsage =
    "usage: fcgi-app serve [--listen unix:PATH|HOST:PORT] [--workers N]\n"
    "  With --listen: a prefork pool of N workers (default WORKERS or 4).\n"
    "  Without: one worker serving the listening socket on fd 0 (spawn-fcgi).\n";

// Freed blocks above this size go back to the system at once. glibc's
// default thresholds grow with the largest block freed (a 100k-sock read,
// an argon2id hash), after which a worker kept ~25 MB resident with 7.5 MB
// in use.
constexpr int kReturnedAbove = 128 * 1024;

// One worker process: its own configuration and apps' state (re-read, so a
// reload picks up rotated secrets), its own connections, then requests until
// told to stop.
int run_worker(int listen_fd, const platform::Router& router, const apps::Registry& registry,
               platform::Metrics& metrics) {
  mallopt(M_TRIM_THRESHOLD, kReturnedAbove);
  mallopt(M_MMAP_THRESHOLD, kReturnedAbove);
  try {
    const platform::Config config = platform::Config::from_process_environment();
    server::WorkerState worker_state = registry.worker_state(platform::process_environment());
    store::Database db(config.database_url, registry.statements, metrics, config.reconnect_interval);
    store::KeyDb cache(config, metrics, registry.near_cached_keys);
    store::PipelinedDatabase pipelined_db(
        config.database_url, registry.statements, metrics,
        {config.reconnect_interval, config.database_read_timeout, config.database_connect_timeout});
    store::PipelinedDatabases pipelined_long_dbs(
        config.database_slow_read_connections, config.database_url, registry.statements, metrics,
        {config.reconnect_interval, config.database_read_timeout, config.database_connect_timeout});
    store::PipelinedKeyDb pipelined_cache(config, metrics, cache);
    store::TransactionPool transactions(config.database_transaction_threads, config.database_url, registry.statements,
                                        metrics, config.reconnect_interval);
    platform::Timers timers;
    platform::CpuPool cpu_pool(config.cpu_pool_threads, config.cpu_pool_queue);
    server::Context context{{config, cpu_pool, metrics}, db,           cache,  pipelined_db, pipelined_cache,
                            pipelined_long_dbs,          transactions, timers, worker_state};
    platform::Dispatcher dispatcher(router, context);
    metrics.add_collector(jobs::queue_gauges(cache));
    metrics.record_worker_start();
    std::vector<platform::EventSource*> sources{&pipelined_db, &pipelined_cache, &timers, &cpu_pool,
                                                &transactions.events()};
    for (platform::EventSource* source : pipelined_long_dbs.sources()) sources.push_back(source);
    return platform::run_fastcgi_worker(listen_fd, dispatcher, sources, config.drain_timeout);
  } catch (const std::exception& error) {
    platform::log_event("error", std::string("worker cannot start: ") + error.what());
    return 1;
  }
}

}  // namespace

int serve(const Arguments& arguments) {
  std::string listen;
  std::optional<int> workers;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& flag = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if (flag == "--listen" && has_value) {
      listen = arguments[++i];
    } else if (flag == "--workers" && has_value) {
      try {
        workers = std::stoi(arguments[++i]);
      } catch (const std::exception&) {
        workers = 0;
      }
      if (*workers < 1 || *workers > 256) {
        std::cerr << "--workers must be from 1 to 256\n";
        return 2;
      }
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }

  const apps::Registry registry = apps::all();
  platform::Config config;
  try {
    config = platform::Config::from_process_environment();
    store::parse_keydb_url(config.redis_url);
    registry.check_settings(platform::process_environment());
  } catch (const std::exception& error) {
    std::cerr << "configuration: " << error.what() << "\n";
    return 2;
  }
  const platform::Router router(registry.apps);
  try {
    platform::Metrics metrics(config.metrics_file, router.route_names());
    auto worker_main = [&](int listen_fd) { return run_worker(listen_fd, router, registry, metrics); };
    if (listen.empty()) {
      if (!platform::is_listening_socket(STDIN_FILENO)) {
        std::cerr << "fd 0 is not a listening socket: start under spawn-fcgi or pass --listen\n" << kUsage;
        return 2;
      }
      if (config.metrics_file.empty()) {
        platform::log_event("warning", "METRICS_FILE is not set: /api/metrics counts this process only");
      }
      return worker_main(STDIN_FILENO);
    }
    const int listen_fd = platform::open_listening_socket(listen, config.socket_mode);
    platform::log_event("info", "listening on " + listen);
    const int code = platform::run_supervisor(
        listen_fd, platform::PoolOptions{workers.value_or(config.workers), config.drain_timeout}, metrics, worker_main);
    if (listen.rfind("unix:", 0) == 0) unlink(listen.substr(5).c_str());
    return code;
  } catch (const std::exception& error) {
    std::cerr << "serve: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace commands
