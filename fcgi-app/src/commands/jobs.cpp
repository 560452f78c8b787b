#include "apps/registry.h"
#include "commands/commands.h"
#include "jobs/queue.h"
#include "jobs/runner.h"
#include "platform/access_log.h"
#include "platform/config.h"
#include "platform/metrics.h"

#include <curl/curl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

namespace commands {

namespace {

std::atomic<bool> stopping{false};

void request_stop(int /*signal*/) { stopping = true; }

std::string consumer_name() {
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(getpid());
}

void run_all(jobs::JobQueue& queue, const jobs::JobRunner& runner, const std::vector<jobs::Job>& batch) {
  for (const jobs::Job& job : batch) {
    // A job in hand is finished (or left pending) before a stop is honoured.
    try {
      if (queue.still_to_run(job)) runner.run(job);
      queue.done(job);
    } catch (const std::exception& error) {
      queue.failed(job, error.what());
    }
  }
}

}  // namespace

int jobs(const Arguments& arguments) {
  if (!arguments.empty()) {
    std::cerr << "usage: fcgi-app jobs\n"
                 "  Relays committed jobs from the outbox into the KeyDB stream and runs them (email, file\n"
                 "  removal) in the consumer group; stops after the job in hand on SIGTERM or SIGINT.\n";
    return 2;
  }
  platform::Config config;
  jobs::Settings settings;
  std::vector<jobs::JobKind> app_kinds;
  try {
    config = platform::Config::from_process_environment();
    settings = jobs::Settings::from_environment(platform::process_environment());
    app_kinds = apps::all().job_kinds(platform::process_environment());
  } catch (const std::exception& error) {
    std::cerr << "configuration: " << error.what() << "\n";
    return 2;
  }
  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  platform::Metrics metrics("", {"unmatched"});
  store::Database db(config.database_url, jobs::queue_statements(), metrics, config.reconnect_interval);
  store::KeyDb keydb(config, metrics);
  jobs::JobQueue queue(settings, db, keydb, consumer_name());
  const jobs::JobRunner runner(settings, std::move(app_kinds));
  platform::log_event("info", "jobs: started");
  bool prepared = false;
  while (!stopping) {
    try {
      if (!prepared) {
        queue.prepare();
        prepared = true;
      }
      while (queue.relay() > 0 && !stopping) {
      }
      run_all(queue, runner, queue.claim_due());
      // Short enough that new outbox rows and due retries wait little.
      run_all(queue, runner, queue.read_new(std::chrono::milliseconds(200)));
    } catch (const std::exception& error) {
      // PostgreSQL or KeyDB away: outbox rows stay, pending jobs stay
      // pending; try again shortly. A KeyDB that comes back empty (restarted
      // without persistence) has lost the stream and its jobs: prepare()
      // makes it again and relays the unfinished jobs from the outbox again.
      prepared = false;
      platform::log_event("warning", std::string("jobs: ") + error.what());
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
  platform::log_event("info", "jobs: stopped");
  curl_global_cleanup();
  return 0;
}

}  // namespace commands
