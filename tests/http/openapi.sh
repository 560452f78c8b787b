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

# HotSox: an account, its tokens, a sock, a picture, swiping, mail and chat.
json=(-H 'Content-Type: application/json')
sox="spec_$(tr '0-9' 'a-j' <<<"$run_id")"
register() {
  sample POST /api/v1/user/ /api/v1/user/ "${json[@]}" -d "{\"username\":\"$1\",\"email\":\"$1@example.com\",
    \"password\":\"correct horse 9\",\"info_birthday\":\"1990-05-17\",\"info_gender\":\"2\",\"location_city\":\"Kiel\"}"
}
login() {
  sample POST /api/v1/token/ /api/v1/token/ "${json[@]}" -d "{\"username\":\"$1\",\"password\":\"correct horse 9\"}"
}
register "$sox"
register "$sox"
sample POST /api/v1/user/ /api/v1/user/ "${json[@]}" -d '{"username":"x"}'
login "$sox"
access=$(jq -r .access <<<"$BODY")
refresh=$(jq -r .refresh <<<"$BODY")
sample POST /api/v1/token/refresh/ /api/v1/token/refresh/ "${json[@]}" -d "{\"refresh\":\"$refresh\"}"
sample POST /api/v1/token/refresh/ /api/v1/token/refresh/ "${json[@]}" -d '{"refresh":"x.y.z"}'
me=(-H "Authorization: Bearer $access")
sample GET /api/v1/user/ /api/v1/user/ "${me[@]}"
sample GET /api/v1/user/ /api/v1/user/
sample PUT /api/v1/user/ /api/v1/user/ "${me[@]}" "${json[@]}" \
  -d "{\"username\":\"$sox\",\"info_gender\":\"3\",\"location_city\":\"Hamburg\",\"first_name\":\"Spec\"}"
sample PUT /api/v1/user/ /api/v1/user/ "${me[@]}" "${json[@]}" -d '{"info_gender":"9"}'
sample GET /api/v1/users/ /api/v1/users/ "${me[@]}"
sample POST /api/v1/user/sock/ /api/v1/user/sock/ "${me[@]}" "${json[@]}" -d '{"info_name":"Spec","info_color":3,
  "info_fabric":2,"info_fabric_thickness":2,"info_brand":4,"info_type":1,"info_size":3,"info_age":2,"info_condition":5,
  "info_holes":1,"info_kilometers":100,"info_inoutdoor":2,"info_washed":10,"info_special":"spec"}'
sock=$(jq -r .id <<<"$BODY")
sample GET /api/v1/user/socks/ /api/v1/user/socks/ "${me[@]}"
sample GET '/api/v1/user/sock/{id}/' "/api/v1/user/sock/$sock/" "${me[@]}"
sample GET '/api/v1/user/sock/{id}/' /api/v1/user/sock/999999999/ "${me[@]}"
sample PUT '/api/v1/user/sock/{id}/' "/api/v1/user/sock/$sock/" "${me[@]}" "${json[@]}" -d '{"info_name":"Spec",
  "info_color":3,"info_fabric":2,"info_fabric_thickness":2,"info_brand":4,"info_type":1,"info_size":3,"info_age":2,
  "info_condition":5,"info_holes":2,"info_kilometers":100,"info_inoutdoor":2,"info_washed":10,"info_special":"spec"}'
sample PUT '/api/v1/user/sock/{id}/' "/api/v1/user/sock/$sock/" "${me[@]}" "${json[@]}" -d '{"info_holes":2}'
base64 -d >"$work/pixel.png" <<<"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
sample POST '/api/v1/user/sock/{id}/profilepic/' "/api/v1/user/sock/$sock/profilepic/" "${me[@]}" \
  -F "profile_picture=@$work/pixel.png"
picture=$(jq -r .id <<<"$BODY")
sample POST /api/v1/user/profilepic /api/v1/user/profilepic "${me[@]}" -F "profile_picture=@$REPO_DIR/README.md"
sample GET '/api/v1/user/swipe/{sock_id}/next' "/api/v1/user/swipe/$sock/next" "${me[@]}"
sample GET '/api/v1/user/swipe/{sock_id}/next' /api/v1/user/swipe/999999999/next "${me[@]}"
register "${sox}_b"
login "${sox}_b"
other=(-H "Authorization: Bearer $(jq -r .access <<<"$BODY")")
sample POST /api/v1/user/sock/ /api/v1/user/sock/ "${other[@]}" "${json[@]}" -d '{"info_name":"B","info_color":3,
  "info_fabric":2,"info_fabric_thickness":2,"info_brand":4,"info_type":1,"info_size":3,"info_age":2,"info_condition":5,
  "info_holes":1,"info_kilometers":100,"info_inoutdoor":2,"info_washed":10,"info_special":"b"}'
other_sock=$(jq -r .id <<<"$BODY")
judge='/api/v1/user/swipe/{sock_id}/judge/{other_sock_id}'
sample POST "$judge" "/api/v1/user/swipe/$sock/judge/$other_sock?like=true" "${me[@]}"
sample POST "$judge" "/api/v1/user/swipe/$sock/judge/$other_sock?like=true" "${me[@]}"
sample POST "$judge" "/api/v1/user/swipe/$sock/judge/$other_sock" "${me[@]}"
sample POST "$judge" "/api/v1/user/swipe/$other_sock/judge/$sock?like=true" "${other[@]}"
request GET /api/v1/user/matches/ "${me[@]}"
match=$(jq -r '.[0].id' <<<"$BODY")
sample POST "$judge" "/api/v1/user/swipe/$sock/judge/999999999?like=false" "${me[@]}"
sample GET /api/v1/user/matches/ /api/v1/user/matches/ "${me[@]}"
sample GET '/api/v1/user/matches/{id}' "/api/v1/user/matches/$match" "${me[@]}"
sample POST '/api/v1/user/chat/{username}/' "/api/v1/user/chat/${sox}_b/" "${me[@]}" "${json[@]}" -d '{"message":"hi"}'
sample GET '/api/v1/user/chat/{username}/' "/api/v1/user/chat/${sox}_b/" "${me[@]}"
sample GET '/api/v1/user/chat/{username}/' "/api/v1/user/chat/$sox/" "${me[@]}"
sample GET /api/v1/user/chats/ /api/v1/user/chats/ "${me[@]}"
sample DELETE '/api/v1/user/matches/{id}/delete' "/api/v1/user/matches/$match/delete" "${me[@]}"
sample GET '/api/v1/user/matches/{id}' /api/v1/user/matches/999999999 "${me[@]}"
sample POST /api/v1/django-token/ /api/v1/django-token/ "${json[@]}" -d "{\"username\":\"${sox}_b\",\"password\":\"correct horse 9\"}"
sample GET /api/v1/user/matches/ /api/v1/user/matches/ "${me[@]}"
sample POST /api/v1/user/mail/ /api/v1/user/mail/ "${me[@]}" "${json[@]}" -d '{"subject":"s","content":"m"}'
mail=$(jq -r .id <<<"$BODY")
sample GET /api/v1/user/mail/ /api/v1/user/mail/ "${me[@]}"
sample DELETE '/api/v1/user/mail/{id}/' "/api/v1/user/mail/$mail/" "${me[@]}"
sample DELETE '/api/v1/user/sock/{id}/profilepic/{pic}' "/api/v1/user/sock/$sock/profilepic/$picture" "${me[@]}"
sample DELETE '/api/v1/user/profilepic/{id}' /api/v1/user/profilepic/999999999 "${me[@]}"
sample DELETE '/api/v1/user/sock/{id}/' "/api/v1/user/sock/$sock/" "${me[@]}"
sample DELETE /api/v1/user/ /api/v1/user/ "${other[@]}"
sample DELETE /api/v1/user/ /api/v1/user/ "${me[@]}"

# HotSox's FastAPI surface (its own description, html/fastapi/openapi.json):
# the same account through its token, and answers of each kind.
f=/fastapi/v1
fa_client=127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))  # fresh rate-limit counters
fsample() { sample "$@" --interface "$fa_client"; }
fsample POST $f/token $f/token --data-urlencode "username=$sox" --data-urlencode "password=correct horse 9"
fa=(-H "Authorization: Bearer $(jq -r .access_token <<<"$BODY")")
fsample POST $f/token $f/token "${json[@]}" -d '{}'
fsample POST $f/token $f/token --data-urlencode "username=$sox" --data-urlencode "password=wrong"
fsample GET $f/user/ $f/user/ "${fa[@]}"
fsample GET $f/user/ $f/user/
fsample GET $f/users/ $f/users/ "${fa[@]}"
fsample POST $f/user/ $f/user/ "${json[@]}" -d "{\"username\":\"f$sox\",\"email\":\"f$sox@example.com\",
  \"password\":\"correct horse 9\",\"info_birthday\":\"1990-05-17\",\"location_city\":\"Kiel\"}"
fsample POST $f/user/ $f/user/ "${json[@]}" -d '{}'
fsample GET $f/user/socks/ $f/user/socks/ "${fa[@]}"
fsample POST $f/user/sock/ $f/user/sock/ "${fa[@]}" "${json[@]}" -d '{"info_name":"n","info_special":"s","info_age":1,
  "info_holes":0,"info_kilometers":3,"info_washed":2}'
fa_sock=$(jq -r .id_sock <<<"$BODY")
fsample GET '/fastapi/v1/user/sock/{id}' "$f/user/sock/$fa_sock" "${fa[@]}"
fsample GET '/fastapi/v1/user/sock/{id}' "$f/user/sock/abc" "${fa[@]}"
fsample GET /fastapi/v1/user/socks/ "$f/user/socks/?size=1" "${fa[@]}"
fsample GET '/fastapi/v1/user/swipe/{user_sock_id}/next' "$f/user/swipe/$fa_sock/next" "${fa[@]}"
fsample POST /fastapi/v1/user/mail $f/user/mail "${fa[@]}" "${json[@]}" -d '{"subject":"s","content":"c"}'
fsample GET /fastapi/v1/user/mail $f/user/mail "${fa[@]}"
fsample GET /fastapi/v1/user/matches/ $f/user/matches/ "${fa[@]}"

if node "$REPO_DIR/tools/check-openapi.mjs" samples "$work/samples" >"$work/samples.out"; then
  ok "$(grep -c '^ok' "$work/samples.out") real answers of every app match their schemas"
else
  not_ok "answers that do not match: $(grep '^not ok' "$work/samples.out" | tr '\n' ';')"
fi
finish
