#!/usr/bin/env bash
# The OpenAPI description (served at /api/openapi.json, Swagger UI at /api/docs)
# must list exactly the router's routes, and real answers of every app must
# validate against its schemas.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

request GET /api/openapi.json
expect_status 200 "the description is served"
expect_json .openapi 3.1.0 "OpenAPI 3.1"
request GET /api/docs
expect_status 200 "Swagger UI is served"
expect_true "the docs page loads Swagger UI locally" grep -q '/vendor/swagger-ui/swagger-ui-bundle.js' <<<"$BODY"
request GET /vendor/swagger-ui/swagger-ui-bundle.js -o /dev/null
expect_status 200 "Swagger UI's script is served from the vendor folder"

"$FCGI_APP" routes >"$work/routes"
if node "$REPO_DIR/tools/check-openapi.mjs" routes "$work/routes" >"$work/routes.out"; then
  ok "every route is described and every described operation is a route ($(grep -c '^ok' "$work/routes.out") checks)"
else
  not_ok "routes and description differ: $(grep '^not ok' "$work/routes.out" | tr '\n' ';')"
fi

# sample METHOD ROUTE PATH [curl options]: one real answer, as a JSON line.
sample() {
  local method=$1 route=$2 path=$3
  shift 3
  request "$method" "$path" "$@"
  jq -cn --arg method "$method" --arg route "$route" --argjson status "$STATUS" --arg body "$BODY" \
    '{method: $method, route: $route, status: $status, body: $body}' >>"$work/samples"
}
auth=(-H "Authorization: Bearer $ADMIN_TOKEN")
id=$((RANDOM * 32768 + RANDOM + 1000))
name="Spec$(tr '0-9' 'a-j' <<<"$run_id")"
sample GET /api/health /api/health
sample GET /api/ready /api/ready
sample GET /api/metrics /api/metrics
sample GET /api/get-current-phrase /api/get-current-phrase
sample GET /api/change-current-phrase /api/change-current-phrase
sample POST /api/change-current-phrase /api/change-current-phrase
sample GET /api/phrases '/api/phrases?pagination=2'
sample GET /api/phrases '/api/phrases?page=abc'
sample GET /api/phrases '/api/phrases?page=999'
sample POST /api/phrases /api/phrases -d '{"phrase":"x"}'
sample POST /api/phrases /api/phrases "${auth[@]}" -d '{"phrase":""}'
sample POST /api/phrases /api/phrases "${auth[@]}" -d "{\"phrase\":\"Spec phrase $run_id\"}"
phrase_id=$(jq -r .id <<<"$BODY")
sample POST /api/phrases /api/phrases "${auth[@]}" -d "{\"phrase\":\"Spec phrase $run_id\"}"
sample DELETE '/api/phrases/{id}' "/api/phrases/$phrase_id" "${auth[@]}"
sample DELETE '/api/phrases/{id}' "/api/phrases/$phrase_id" "${auth[@]}"
sample DELETE '/api/phrases/{id}' /api/phrases/1 -H 'Authorization: Bearer wrong'
sample POST /create_user "/create_user?userid=$id&username=John"
sample POST /create_user "/create_user?userid=$id&username=John"
sample POST /api/create_user "/api/create_user?username=John"
sample GET /get_user "/get_user?userid=$id"
sample GET /api/get_user /api/get_user?userid=2147483001
sample GET /get_user /get_user?userid=abc
sample PUT '/hello/{username}' "/hello/$name" -H 'Content-Type: application/json' -d '{"dateOfBirth":"1990-05-17"}'
sample PUT '/hello/{username}' /hello/a1 -H 'Content-Type: application/json' -d '{"dateOfBirth":"1990-05-17"}'
sample GET '/hello/{username}' "/hello/$name"
sample GET '/api/hello/{username}' "/api/hello/Nobody$name"
sample GET /api/users/profiles '/api/users/profiles?pagination=3&order_by=type'
sample GET /api/users/profiles '/api/users/profiles?pagination=101'
sample GET /api/users/profiles '/api/users/profiles?page=0'

if node "$REPO_DIR/tools/check-openapi.mjs" samples "$work/samples" >"$work/samples.out"; then
  ok "$(grep -c '^ok' "$work/samples.out") real answers of every app match their schemas"
else
  not_ok "answers that do not match: $(grep '^not ok' "$work/samples.out" | tr '\n' ';')"
fi
finish
