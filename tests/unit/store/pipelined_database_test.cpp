#include "store/pipelined_database.h"

#include "platform/dependency.h"
#include "platform/task.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// A PostgreSQL that never answers, as a frozen (SIGSTOPped) server looks:
// its socket accepts connections into the backlog and nobody ever reads them.
class SilentServer {
 public:
  SilentServer() {
    char folder[] = "/tmp/silent-pg-XXXXXX";
    directory_ = mkdtemp(folder);
    path_ = directory_ + "/.s.PGSQL.5432";
    fd_ = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
    BOOST_REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(listen(fd_, 16) == 0);
  }
  ~SilentServer() {
    close(fd_);
    unlink(path_.c_str());
    rmdir(directory_.c_str());
  }
  std::string connection_string() const { return "host=" + directory_ + " port=5432 user=nobody dbname=nothing"; }

 private:
  std::string directory_;
  std::string path_;
  int fd_ = -1;
};

// What the worker's loop does for one source: flush, wait for its socket or
// its deadline, hand over readiness, expire. Until `task` is done or 5 s pass.
template <typename T>
void run_loop(store::PipelinedDatabase& db, platform::Task<T>& task) {
  const auto give_up = Clock::now() + 5s;
  while (!task.done() && Clock::now() < give_up) {
    db.flush();
    int timeout_ms = 50;
    if (const auto deadline = db.deadline()) {
      timeout_ms = static_cast<int>(
          std::max<long long>(0, std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count()));
    }
    pollfd watched{db.fd(), static_cast<short>(POLLIN | (db.wants_write() ? POLLOUT : 0)), 0};
    const int ready = watched.fd >= 0 ? poll(&watched, 1, timeout_ms) : poll(nullptr, 0, timeout_ms);
    if (ready > 0) {
      db.on_ready((watched.revents & (POLLIN | POLLHUP | POLLERR)) != 0, (watched.revents & POLLOUT) != 0);
    }
    if (const auto deadline = db.deadline(); deadline && *deadline <= Clock::now()) db.expire();
  }
}

constexpr store::StatementName kProbe{"probe"};

platform::Task<int> count_rows(store::PipelinedDatabase& db) {
  const store::Rows rows = co_await db.read(kProbe);
  co_return rows.size();
}

// How the read ended: "rows", "503" (DependencyError) or "other", and after how long.
struct Outcome {
  std::string how;
  Clock::duration took;
};
Outcome read_against(const std::string& connection_string, store::PipelinedDatabase::Timeouts timeouts) {
  platform::Metrics metrics("", {"unmatched"});
  store::PipelinedDatabase db(connection_string, {{kProbe, "SELECT 1"}}, metrics, timeouts);
  const auto started = Clock::now();
  platform::Task<int> task = count_rows(db);
  run_loop(db, task);
  Outcome outcome{"unfinished", Clock::now() - started};
  if (!task.done()) return outcome;
  try {
    task.result();
    outcome.how = "rows";
  } catch (const platform::DependencyError&) {
    outcome.how = "503";
  } catch (const std::exception&) {
    outcome.how = "other";
  }
  return outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipelined_database)

BOOST_AUTO_TEST_CASE(a_read_against_a_silent_server_fails_at_its_deadline) {
  SilentServer server;
  const Outcome outcome = read_against(server.connection_string(), {250ms, 300ms, 2000ms});
  BOOST_TEST(outcome.how == "503");
  BOOST_TEST(outcome.took >= 300ms);
  BOOST_TEST(outcome.took < 1000ms);  // the read's deadline, not the connect's
}

BOOST_AUTO_TEST_CASE(a_connect_that_hangs_gives_up_at_the_connect_timeout) {
  SilentServer server;
  const Outcome outcome = read_against(server.connection_string(), {250ms, 5000ms, 200ms});
  BOOST_TEST(outcome.how == "503");
  BOOST_TEST(outcome.took >= 200ms);
  BOOST_TEST(outcome.took < 1000ms);
}

BOOST_AUTO_TEST_CASE(waiting_for_a_connection_does_not_block_the_caller) {
  // The read is queued and the connect started, and control is back at once:
  // nothing waits for the server inside the coroutine's first step.
  SilentServer server;
  platform::Metrics metrics("", {"unmatched"});
  store::PipelinedDatabase db(server.connection_string(), {{kProbe, "SELECT 1"}}, metrics, {250ms, 2000ms, 3000ms});
  const auto started = Clock::now();
  platform::Task<int> task = count_rows(db);
  db.flush();
  BOOST_TEST(!task.done());
  BOOST_TEST(db.fd() >= 0);
  BOOST_TEST((Clock::now() - started < 100ms));
  BOOST_TEST(!db.has_unsent());  // the loop waits for the socket instead of spinning
  BOOST_REQUIRE(db.deadline().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
