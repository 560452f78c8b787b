#include "platform/poller.h"

#include <cerrno>
#include <system_error>

namespace platform {

namespace {

epoll_event interest(std::uint32_t events, std::uint64_t tag) {
  epoll_event event{};
  event.events = events;
  event.data.u64 = tag;
  return event;
}

}  // namespace

Poller::Poller() : epoll_(epoll_create1(EPOLL_CLOEXEC)) {
  if (!epoll_.valid()) throw std::system_error(errno, std::generic_category(), "epoll");
}

bool Poller::add(int fd, std::uint32_t events, std::uint64_t tag) {
  epoll_event event = interest(events, tag);
  return epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event) == 0;
}

void Poller::watch(int fd, std::uint32_t events, std::uint64_t tag) {
  epoll_event event = interest(events, tag);
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT) {
    epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event);
  }
}

void Poller::remove(int fd) { epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr); }

std::span<const epoll_event> Poller::wait(int timeout_ms) {
  const int count = epoll_wait(epoll_.get(), ready_.data(), static_cast<int>(ready_.size()), timeout_ms);
  return {ready_.data(), count > 0 ? static_cast<std::size_t>(count) : 0};
}

}  // namespace platform
