#include "platform/metrics.h"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <cstdio>

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

BOOST_AUTO_TEST_SUITE_END()
