#include "platform/metrics.h"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdio>
#include <stdexcept>

using namespace platform;

BOOST_AUTO_TEST_SUITE(metrics)

BOOST_AUTO_TEST_CASE(counts_requests_by_route_and_status) {
  Metrics metrics("", {"unmatched", "GET /a"});
  metrics.record_request(1, 200, std::chrono::microseconds(300));
  metrics.record_request(1, 200, std::chrono::microseconds(3000));
  metrics.record_request(0, 404, std::chrono::microseconds(10));
  metrics.record_request(1, 299, std::chrono::microseconds(10));
  const std::string text = metrics.render_prometheus();
  BOOST_TEST(text.find("fcgi_requests_total{route=\"GET /a\",status=\"200\"} 2") != std::string::npos);
  BOOST_TEST(text.find("fcgi_requests_total{route=\"unmatched\",status=\"404\"} 1") != std::string::npos);
  BOOST_TEST(text.find("fcgi_requests_total{route=\"GET /a\",status=\"other\"} 1") != std::string::npos);
  BOOST_TEST(text.find("fcgi_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.0005\"} 2") != std::string::npos);
  BOOST_TEST(text.find("fcgi_request_duration_seconds_bucket{route=\"GET /a\",le=\"+Inf\"} 3") != std::string::npos);
  BOOST_TEST(text.find("fcgi_request_duration_seconds_count{route=\"GET /a\"} 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(counts_dependency_errors) {
  Metrics metrics("", {"unmatched"});
  metrics.record_dependency_error(Dependency::kKeyDb);
  BOOST_TEST(metrics.render_prometheus().find("fcgi_dependency_errors_total{dependency=\"keydb\"} 1") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(forked_children_count_into_the_same_block) {
  Metrics metrics("", {"unmatched", "GET /a"});
  for (int child = 0; child < 3; ++child) {
    if (fork() == 0) {
      metrics.record_request(1, 200, std::chrono::microseconds(5));
      _exit(0);
    }
  }
  while (wait(nullptr) > 0) {
  }
  BOOST_TEST(metrics.render_prometheus().find("status=\"200\"} 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_file_block_is_shared_by_separate_openers) {
  const std::string path = "/tmp/fcgi-app-metrics-test-" + std::to_string(getpid());
  {
    Metrics first(path, {"unmatched", "GET /a"});
    Metrics second(path, {"unmatched", "GET /a"});
    first.record_request(1, 201, std::chrono::microseconds(5));
    second.record_request(1, 201, std::chrono::microseconds(5));
    BOOST_TEST(first.render_prometheus().find("status=\"201\"} 2") != std::string::npos);
  }
  {
    // Another route table (another build) starts from zero instead of mislabelling.
    Metrics other(path, {"unmatched", "GET /b"});
    BOOST_TEST(other.render_prometheus().find("status=\"201\"") == std::string::npos);
  }
  std::remove(path.c_str());
}

namespace {

long long gauge(const std::string& text, const std::string& name) {
  const std::size_t at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stoll(text.substr(at + name.size() + 2));
}

}  // namespace

BOOST_AUTO_TEST_CASE(busy_workers_and_requests_in_flight) {
  Metrics metrics("", {"unmatched"});
  BOOST_TEST(gauge(metrics.render_prometheus(), "fcgi_workers_busy") == 0);
  BOOST_TEST(gauge(metrics.render_prometheus(), "fcgi_requests_in_flight") == 0);
  metrics.request_started();  // not a worker yet: not counted
  BOOST_TEST(gauge(metrics.render_prometheus(), "fcgi_requests_in_flight") == 0);
  metrics.record_worker_start();
  metrics.request_started();
  metrics.request_started();
  int ready[2];
  BOOST_REQUIRE(pipe(ready) == 0);
  const pid_t child = fork();
  if (child == 0) {  // another worker with one request in progress, until killed
    metrics.record_worker_start();
    metrics.request_started();
    BOOST_REQUIRE(write(ready[1], "x", 1) == 1);
    pause();
    _exit(0);
  }
  char byte = 0;
  BOOST_REQUIRE(read(ready[0], &byte, 1) == 1);
  std::string text = metrics.render_prometheus();
  BOOST_TEST(gauge(text, "fcgi_workers_busy") == 2);
  BOOST_TEST(gauge(text, "fcgi_requests_in_flight") == 3);
  // A worker that dies mid-request leaves nothing in flight behind.
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  metrics.request_finished();
  text = metrics.render_prometheus();
  BOOST_TEST(gauge(text, "fcgi_workers_busy") == 1);
  BOOST_TEST(gauge(text, "fcgi_requests_in_flight") == 1);
  metrics.request_finished();
  BOOST_TEST(gauge(metrics.render_prometheus(), "fcgi_workers_busy") == 0);
  close(ready[0]);
  close(ready[1]);
}

BOOST_AUTO_TEST_CASE(collected_gauges_are_rendered_and_a_failing_collector_is_left_out) {
  Metrics metrics("", {"unmatched"});
  metrics.add_collector([] { return std::vector<Metrics::Gauge>{{"fcgi_things", "Things.", 7}}; });
  metrics.add_collector([]() -> std::vector<Metrics::Gauge> { throw std::runtime_error("away"); });
  const std::string text = metrics.render_prometheus();
  BOOST_TEST(text.find("# HELP fcgi_things Things.\n# TYPE fcgi_things gauge\nfcgi_things 7\n") != std::string::npos);
  BOOST_TEST(text.find("fcgi_workers ") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
