#include "platform/cpu_pool.h"

#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace platform {

CpuPool::CpuPool(std::size_t threads, std::size_t queue_limit, int niceness)
    : queue_limit_(queue_limit), niceness_(niceness) {
  wake_fd_ = UniqueFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake_fd_.valid()) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
  // The threads take no signal (they inherit the mask they start with): the
  // worker's loop reads its stop signals from a signalfd (stop_signals.h),
  // which only works while every thread blocks them.
  sigset_t all;
  sigset_t before;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &before);
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { serve(); });
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

CpuPool::~CpuPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

HttpError CpuPool::overloaded() {
  return HttpError(503, "overloaded", "The server is busy, try again shortly").with_header("Retry-After", "1");
}

bool CpuPool::submit(Job* job) {
  {
    const std::lock_guard lock(mutex_);
    // A free thread takes the job at once; otherwise it waits, within the bound.
    if (queued_.size() + running_ >= threads_.size() + queue_limit_) return false;
    queued_.push_back(job);
  }
  work_.notify_one();
  return true;
}

std::size_t CpuPool::in_flight() const {
  const std::lock_guard lock(mutex_);
  return queued_.size() + running_ + finished_.size();
}

void CpuPool::serve() {
  // Below the loop's priority (Linux sets nice per thread): when hashing
  // fills the cores, the loop's short requests still get the CPU first.
  const auto thread = static_cast<id_t>(gettid());
  if (niceness_ != 0) setpriority(PRIO_PROCESS, thread, getpriority(PRIO_PROCESS, thread) + niceness_);
  std::unique_lock lock(mutex_);
  while (true) {
    work_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
    if (stopping_) return;
    Job* job = queued_.front();
    queued_.pop_front();
    ++running_;
    lock.unlock();
    job->execute();
    lock.lock();
    --running_;
    const bool first = finished_.empty();
    finished_.push_back(job);
    // One wake-up per batch: the loop takes every finished job at once.
    if (first) {
      const std::uint64_t one = 1;
      [[maybe_unused]] const ssize_t written = write(wake_fd_.get(), &one, sizeof one);
    }
  }
}

void CpuPool::on_ready(bool readable, bool) {
  if (!readable) return;
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t read_bytes = read(wake_fd_.get(), &count, sizeof count);
  std::vector<Job*> finished;
  {
    const std::lock_guard lock(mutex_);
    finished.swap(finished_);
  }
  // Resumed here, on the loop's thread: a handler never runs on a pool thread.
  for (Job* job : finished) job->awaiting.resume();
}

}  // namespace platform
