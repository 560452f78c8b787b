#!/usr/bin/env bash
# Platform: health, readiness, metrics, errors as JSON, headers, limits, static files.
source "$(dirname "$0")/lib.sh"

request GET /api/health
expect_status 200 "health answers"
expect_json '.status' ok "health says ok"

request GET /api/ready
expect_status 200 "ready with PostgreSQL and KeyDB up"
expect_json '.postgres + "/" + .keydb' ok/ok "ready names both dependencies"

request GET /api/nope
expect_status 404 "unknown dynamic path"
expect_error_shape not_found "unknown dynamic path"
expect_header X-Request-Id '^[0-9a-f]{32}$' "a JSON 404 carries X-Request-Id"

request DELETE /api/get-current-phrase
expect_status 405 "wrong method"
expect_error_shape method_not_allowed "wrong method"
# OPTIONS too: PhGen's public endpoints answer CORS preflights (tests/http/phgen.sh).
expect_header Allow '^GET, OPTIONS$' "405 lists the allowed methods"
request DELETE /get_user
expect_header Allow '^GET$' "a route without CORS lists no OPTIONS"

request POST /api/change-current-phrase
expect_status 200 "the same path with another allowed method"

request GET '/api/phrases?page=%zz'
expect_status 400 "bad percent-encoding in the query"
expect_error_shape bad_request "bad percent-encoding"

request GET '/api/%zz'
expect_true "bad percent-encoding in the path is a 400" test "$STATUS" = 400

request GET /api/health
count=$(grep -ci '^X-Request-Id:' <<<"$HEADERS")
expect_true "exactly one X-Request-Id on a dynamic response" test "$count" = 1
expect_header Content-Security-Policy "default-src 'self'" "CSP on dynamic responses"
expect_header X-Content-Type-Options '^nosniff$' "nosniff"
expect_header X-Frame-Options '^DENY$' "frame options"
expect_header Referrer-Policy 'strict-origin' "referrer policy"
expect_header Server '^nginx$' "NGINX hides its version"

request GET /phgen/
expect_status 200 "static page served by NGINX"
expect_header X-Request-Id '^[0-9a-f]{32}$' "static responses carry X-Request-Id"
expect_header Content-Security-Policy "default-src 'self'" "CSP on static responses"
expect_true "the PhGen page has its buttons" grep -q 'id="change"' <<<"$BODY"

# Every page is assembled from html/_frame/ by NGINX (SSI): the frame is in,
# no directive is left over, and the fragments are not served by themselves.
for page in /apps/ /phgen/ /registry/ /birthdays/ / /users /users/3 /api/docs /hotsox/ /hotsox/swipe/; do
  request GET "$page"
  expect_true "$page: the frame's navbar links HotSox" grep -q 'href="/hotsox/"' <<<"$BODY"
  # shellcheck disable=SC2016 # the inner shell expands its argument
  expect_true "$page: no server-side include is left over" bash -c '! grep -q "<!--#" <<<"$1"' _ "$BODY"
  expect_true "$page: exactly one link is the current page" test "$(grep -o 'aria-current="page"' <<<"$BODY" | wc -l)" = 1
done
request GET /hotsox/swipe/
expect_true "a HotSox page has HotSox's head (its script)" grep -q 'src="/hotsox/hotsox.js"' <<<"$BODY"
request GET /_frame/navbar.html
expect_status 404 "the frame's fragments are not served by themselves"
expect_error_shape not_found "a fragment's 404"

request GET /api/openapi.json -H 'Accept-Encoding: gzip' -o /dev/null
expect_header Content-Encoding '^gzip$' "text is gzipped"

request GET /no-such-file.html
expect_status 404 "unknown static file"
expect_error_shape not_found "unknown static file"
expect_header X-Request-Id '^[0-9a-f]{32}$' "NGINX's own 404 carries X-Request-Id"

request GET /phgen
expect_status 301 "a folder without its slash is redirected"
expect_header Location '^/phgen/$' "the redirect names no host or port"

request GET /bench/nginx-fixed
expect_status 200 "NGINX's fixed answer for benchmarks"
expect_json .ok true "the fixed answer is JSON"

# A path NGINX itself cannot parse (%00) is refused before any location: its 400
# still has the shape of the app whose path it is.
request GET /api/phrases/%00
expect_status 400 "NGINX refuses %00 in a path"
expect_error_shape bad_request "NGINX's 400 under PhGen"
request GET /hello/%00
expect_json .message "The request is malformed" "under Hello: {\"message\": ...}"
request GET /get_user/%00
expect_json .message "The request is malformed" "under Users: {\"message\": ...}"
request GET /api/v1/user/%00/
expect_json .detail "The request is malformed" "under HotSox's DRF surface: {\"detail\": ...}"
request GET /fastapi/v1/user/%00
expect_json .detail "The request is malformed" "under HotSox's FastAPI surface: {\"detail\": ...}"

big=$(mktemp)
head -c 2000000 /dev/zero | tr '\0' a >"$big"
request POST /api/phrases -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' --data-binary @"$big"
expect_status 413 "a body over the app's 1 MiB limit"
expect_error_shape payload_too_large "the app's 413"
head -c 9000000 /dev/zero | tr '\0' a >"$big"
request POST /api/phrases -H 'Content-Type: application/json' --data-binary @"$big"
expect_status 413 "a body over NGINX's 8 MiB limit"
expect_error_shape payload_too_large "NGINX's 413"
expect_header X-Request-Id '^[0-9a-f]{32}$' "NGINX's 413 carries X-Request-Id"

# The same refusals on HotSox's DRF routes, in DRF's shape.
request GET /api/v1/nothing-here/
expect_status 404 "unknown path under HotSox's /api/v1/"
expect_json .detail "Not found." "HotSox's 404 is DRF's"
request PATCH /api/v1/token/
expect_status 405 "wrong method on a HotSox route"
expect_json .detail 'Method "PATCH" not allowed.' "HotSox's 405 is DRF's"
expect_header Allow 'POST' "HotSox's 405 lists the allowed methods"
request PATCH /api/v1/user/
expect_status 401 "a wrong method without credentials where DRF wants a user: authentication comes first"
expect_json .detail "Authentication credentials were not provided." "DRF's 401"
request GET '/api/v1/users/?page=%zz'
expect_status 400 "bad percent-encoding in a HotSox query"
expect_json '.detail' "Malformed percent-encoding in parameters" "HotSox's 400 is DRF's"
request GET '/api/v1/user?x=1'
expect_status 301 "a HotSox GET without its trailing slash (Django's APPEND_SLASH)"
expect_header Location '^/api/v1/user/\?x=1$' "redirected to the slashed path, query kept"
request POST /api/v1/user -H 'Content-Type: application/json' -d '{}'
expect_status 404 "a POST without its slash is not redirected (its body would be lost)"
head -c 2000000 /dev/zero | tr '\0' a >"$big"
request POST /api/v1/user/ -H 'Content-Type: application/json' --data-binary @"$big"
expect_status 413 "a HotSox body over the app's 1 MiB limit"
expect_json '.detail | startswith("The request body is larger than")' true "the app's 413 in DRF's shape"
head -c 6000000 /dev/zero | tr '\0' a >"$big"
request POST /api/v1/user/profilepic -H 'Content-Type: multipart/form-data; boundary=x' --data-binary @"$big"
expect_status 413 "an upload over NGINX's limit for pictures"
expect_json .detail "The request body is too large" "NGINX's 413 on HotSox in DRF's shape"
rm -f "$big"

request GET /api/metrics
expect_status 200 "metrics"
expect_header Content-Type '^text/plain' "metrics are Prometheus text"
expect_true "metrics count requests by route and status" grep -q 'fcgi_requests_total{route="GET /api/health",status="200"}' <<<"$BODY"
expect_true "metrics have a latency histogram" grep -q 'fcgi_request_duration_seconds_bucket{route="GET /api/health",le="+Inf"}' <<<"$BODY"
expect_true "metrics count unmatched requests" grep -q 'fcgi_requests_total{route="unmatched",status="404"}' <<<"$BODY"
workers=$(grep '^fcgi_workers ' <<<"$BODY" | awk '{print $NF}')
expect_true "metrics report the pool's workers" test "${workers:-0}" -ge 1
gauge() { grep "^$1 " <<<"$BODY" | awk '{print $NF}'; }
expect_true "metrics count busy workers: the one answering counts itself" test "$(gauge fcgi_workers_busy)" -ge 1
expect_true "metrics count requests in flight: this one at least" test "$(gauge fcgi_requests_in_flight)" -ge 1
expect_true "metrics report the job queue's depth (a number, 0 when idle)" grep -qE '^fcgi_job_queue_depth [0-9]+$' <<<"$BODY"
expect_true "metrics report the dead letters (a number)" grep -qE '^fcgi_job_dead_letters [0-9]+$' <<<"$BODY"

# Counted across the pool: a burst spread over every worker is counted in full.
request GET /api/metrics
before=$(grep -F 'fcgi_requests_total{route="GET /api/health",status="200"}' <<<"$BODY" | awk '{print $NF}')
seq 200 | xargs -P 16 -I{} curl -s -o /dev/null "$BASE_URL/api/health"
request GET /api/metrics
after=$(grep -F 'fcgi_requests_total{route="GET /api/health",status="200"}' <<<"$BODY" | awk '{print $NF}')
expect_true "200 requests over all workers are all counted ($before -> $after)" test $((after - before)) -eq 200
# Every answered request leaves the in-flight count: after the burst only
# requests of other clients can be in flight, never the 200.
in_flight=$(gauge fcgi_requests_in_flight)
expect_true "answered requests leave no request in flight behind ($in_flight)" test "${in_flight:-999}" -lt 16

finish
