#include "platform/stop_signals.h"

#include <sys/signalfd.h>

#include <cerrno>
#include <csignal>
#include <system_error>

namespace platform {

namespace {

sigset_t stop_set() {
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal : {SIGTERM, SIGINT, SIGUSR1}) sigaddset(&signals, signal);
  return signals;
}

int open_signal_fd() {
  const sigset_t signals = stop_set();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGHUP, SIG_IGN);
  return signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
}

}  // namespace

StopSignals::StopSignals() : fd_(open_signal_fd()) {
  if (!fd_.valid()) throw std::system_error(errno, std::generic_category(), "signalfd");
}

bool StopSignals::take() {
  bool stop = false;
  signalfd_siginfo info{};
  while (read(fd_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) stop = true;
  return stop;
}

}  // namespace platform
