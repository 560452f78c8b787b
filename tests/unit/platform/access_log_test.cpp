#include "platform/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <thread>

namespace {

// Points stderr at a pipe for the test's length, so what the log writes can be read back.
class CapturedStderr {
 public:
  CapturedStderr() {
    BOOST_REQUIRE(pipe2(pipe_, O_NONBLOCK) == 0);
    saved_ = dup(STDERR_FILENO);
    dup2(pipe_[1], STDERR_FILENO);
  }
  ~CapturedStderr() {
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    close(pipe_[0]);
    close(pipe_[1]);
  }
  std::string take() {
    std::string text;
    char buffer[4096];
    ssize_t count;
    while ((count = read(pipe_[0], buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(count));
    return text;
  }

 private:
  int pipe_[2]{};
  int saved_ = -1;
};

const platform::AccessLogEntry kEntry{"abc123",          "GET", "/api/health",
                                      "GET /api/health", 200,   std::chrono::microseconds(1500)};

}  // namespace

BOOST_AUTO_TEST_SUITE(access_log)

BOOST_AUTO_TEST_CASE(lines_wait_at_most_the_flush_delay) {
  CapturedStderr captured;
  platform::AccessLog log;
  BOOST_TEST(!log.flush_due().has_value());  // nothing pending: wait as long as you like
  log.add(kEntry);
  log.add(kEntry);
  const auto wait = log.flush_due();
  BOOST_REQUIRE(wait.has_value());
  BOOST_TEST(wait->count() > 0);
  BOOST_TEST(wait->count() <= platform::AccessLog::kFlushDelay.count());
  BOOST_TEST(captured.take().empty());
  std::this_thread::sleep_for(platform::AccessLog::kFlushDelay + std::chrono::milliseconds(5));
  BOOST_TEST(!log.flush_due().has_value());
  const std::string written = captured.take();
  BOOST_TEST(written.find("\"request_id\":\"abc123\"") != std::string::npos);
  BOOST_TEST(written.find("\"duration_ms\":1.500") != std::string::npos);
  BOOST_TEST(std::count(written.begin(), written.end(), '\n') == 2);  // both lines, in one write
}

BOOST_AUTO_TEST_CASE(a_full_buffer_is_written_at_once) {
  CapturedStderr captured;
  platform::AccessLog log;
  for (int i = 0; i < 400; ++i) log.add(kEntry);  // ~60 KiB of lines
  BOOST_TEST(!captured.take().empty());
}

BOOST_AUTO_TEST_CASE(hostile_paths_cannot_break_the_line) {
  CapturedStderr captured;
  {
    platform::AccessLog log;
    log.add({"id", "GET", "/a\"b\\c\nd\x01\xff", "", 404, std::chrono::microseconds(0)});
  }  // written when the log goes away
  const std::string written = captured.take();
  BOOST_TEST(written.find(R"("path":"/a\"b\\c\u000ad\u0001\u00ff")") != std::string::npos);
  BOOST_TEST(std::count(written.begin(), written.end(), '\n') == 1);
}

BOOST_AUTO_TEST_SUITE_END()
