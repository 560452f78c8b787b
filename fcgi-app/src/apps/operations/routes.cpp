#include "apps/operations/routes.h"

#include "server/context.h"
#include "store/database.h"
#include "store/keydb.h"

namespace operations {

namespace {

using platform::Response;

// Alive: answers without touching any dependency.
Response health(const platform::Request&, server::Context&) {
  Json::Value body(Json::objectValue);
  body["status"] = "ok";
  return Response::json(200, body);
}

// Ready: both PostgreSQL and KeyDB answer.
Response ready(const platform::Request&, server::Context& context) {
  const bool postgres = context.db.ping();
  const bool keydb = context.cache.ping();
  Json::Value body(Json::objectValue);
  body["postgres"] = postgres ? "ok" : "unavailable";
  body["keydb"] = keydb ? "ok" : "unavailable";
  if (postgres && keydb) {
    body["status"] = "ready";
    return Response::json(200, body);
  }
  body["error"] = "not_ready";
  std::string failed = postgres ? "" : "postgres";
  if (!keydb) failed += failed.empty() ? "keydb" : " and keydb";
  body["message"] = "Unavailable: " + failed;
  return Response::json(503, body);
}

Response metrics(const platform::Request&, server::Context& context) {
  return Response::text(200, context.metrics.render_prometheus(), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace

platform::App app() {
  return {.name = "operations",
          .format_error = platform::error_and_message,
          .routes = {
              {"GET", "/api/health", health},
              {"GET", "/api/ready", ready},
              {"GET", "/api/metrics", metrics},
          }};
}

}  // namespace operations
