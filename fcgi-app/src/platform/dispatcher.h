// From a raw request to a response: routing, decoding, the handler, and the
// one place where errors become each app's JSON error shape. Never throws.
#pragma once

#include "platform/access_log.h"
#include "platform/context.h"
#include "platform/http.h"
#include "platform/router.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace platform {

class Dispatcher {
 public:
  Dispatcher(const Router& router, Context& context) : router_(router), context_(context) {}

  // Largest body the route for this request accepts (the transport reads no more).
  std::size_t body_limit(const Request& request) const;

  // Handles the request and records it in the metrics and the access log.
  // The response, or nullopt while an asynchronous handler waits: its
  // response comes out of take_finished() later, under `ticket`.
  std::optional<Response> start(std::unique_ptr<Request> request, std::uint64_t ticket);

  struct Finished {
    std::uint64_t ticket;
    Response response;
  };
  // The responses of waiting handlers that have finished since the last call.
  std::vector<Finished> take_finished();
  std::size_t waiting() const { return waiting_.size(); }

  // Called by the transport before it blocks waiting for work: how long it may
  // wait at most before calling again (nullopt: as long as it likes).
  std::optional<std::chrono::milliseconds> before_wait() { return access_log_.flush_due(); }

 private:
  using Clock = std::chrono::steady_clock;
  // Where a request went: its route (null until found) and the app whose error shape applies.
  struct Routed {
    const Router::Entry* entry = nullptr;
    const App* app = nullptr;
  };
  struct Waiting {
    std::uint64_t ticket;
    std::unique_ptr<Request> request;  // the handler holds a reference to it
    Routed routed;
    Clock::time_point started;
    Task<Response> task;
  };

  std::optional<Response> route_and_run(Request& request, Routed& routed, std::optional<Task<Response>>& task);
  // The handler's outcome (`outcome` returns the response or throws) as the response to send.
  template <typename Outcome>
  Response complete(const Request& request, Routed routed, Clock::time_point started, Outcome&& outcome);

  const Router& router_;
  Context& context_;
  AccessLog access_log_;
  std::vector<Waiting> waiting_;
};

}  // namespace platform
