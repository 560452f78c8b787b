// From a raw request to a response: routing, decoding, the handler, and the
// one place where errors become each app's JSON error shape. Never throws.
#pragma once

#include "platform/access_log.h"
#include "platform/context.h"
#include "platform/http.h"
#include "platform/router.h"

namespace platform {

Json::Value error_body(ErrorShape shape, std::string_view code, std::string_view message);

class Dispatcher {
 public:
  Dispatcher(const Router& router, Context& context) : router_(router), context_(context) {}

  // Largest body the route for this request accepts (the transport reads no more).
  std::size_t body_limit(const Request& request) const;

  // Handles the request and records it in the metrics and the access log.
  Response handle(Request& request);

  // Called by the transport before it blocks waiting for work: how long it may
  // wait at most before calling again (nullopt: as long as it likes).
  std::optional<std::chrono::milliseconds> before_wait() { return access_log_.flush_due(); }

 private:
  Response route_and_run(Request& request, const Router::Entry*& entry);

  const Router& router_;
  Context& context_;
  AccessLog access_log_;
};

}  // namespace platform
