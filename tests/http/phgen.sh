#!/usr/bin/env bash
# PhGen: the current phrase, changing it, and the admin API (SPEC.md § PhGen).
source "$(dirname "$0")/lib.sh"
trap restore_stack EXIT # it restarts KeyDB
auth=(-H "Authorization: Bearer $ADMIN_TOKEN")
seeds=("Hello DB 1!" "Hello DB 2!" "Hello DB 3!" "Hello DB 4!" "Hello DB 5!")

# all_phrases: every row of the table, one JSON object {id, phrase} a line.
all_phrases() {
  local page=1 body
  while :; do
    body=$(curl -sS --max-time 30 "$BASE_URL/api/phrases?pagination=100&page=$page")
    jq -c '.phrases[]' <<<"$body"
    [[ $(jq -r .has_next <<<"$body") == true ]] || break
    page=$((page + 1))
  done
}
# in_table PHRASE: whether the table holds PHRASE.
in_table() { all_phrases | jq -ne --arg p "$1" 'any(inputs; .phrase == $p)' >/dev/null; }
not_in_table() { ! in_table "$1"; }

for seed in "${seeds[@]}"; do
  expect_true "the table holds the seed phrase '$seed'" in_table "$seed"
done

request GET /api/get-current-phrase
expect_status 200 "get the current phrase"
expect_json '.current_phrase | type' string "current_phrase is a string"
current=$(jq -r .current_phrase <<<"$BODY")
expect_true "the current phrase ('$current') is a phrase of the table" in_table "$current"
expect_header Access-Control-Allow-Origin '^\*$' "the original front end may call it from another origin"

# CORS as the original's FastAPI CORSMiddleware (origins, methods, headers "*",
# no credentials), on the two public endpoints only (issue 17 item 3).
origin=(-H 'Origin: http://elsewhere.example:3000')
for path in /api/get-current-phrase /api/change-current-phrase; do
  request OPTIONS "$path" "${origin[@]}" -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: content-type, x-custom-header'
  expect_status 200 "preflight of $path"
  expect_header Access-Control-Allow-Origin '^\*$' "preflight of $path: any origin"
  expect_header Access-Control-Allow-Methods '^DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT$' "preflight of $path: any method"
  expect_header Access-Control-Allow-Headers '^content-type, x-custom-header$' "preflight of $path: the headers asked for"
  expect_header Access-Control-Max-Age '^600$' "preflight of $path: cached 600 s"
  expect_true "preflight of $path: no credentials" bash -c "! grep -qi '^access-control-allow-credentials' <<<'$HEADERS'"
  request GET "$path" "${origin[@]}"
  expect_status 200 "simple GET of $path from another origin"
  expect_header Access-Control-Allow-Origin '^\*$' "simple GET of $path: any origin"
  request OPTIONS "$path"
  expect_status 405 "an OPTIONS that is not a preflight is still a 405"
  expect_error_shape method_not_allowed "plain OPTIONS of $path"
  request OPTIONS "$path" "${origin[@]}" -H 'Access-Control-Request-Method: FETCH'
  expect_status 400 "a preflight asking for a method that does not exist"
done
request POST /api/change-current-phrase "${origin[@]}" -H 'Content-Type: text/plain' -d ''
expect_status 200 "simple POST of the change from another origin"
expect_header Access-Control-Allow-Origin '^\*$' "simple POST: any origin"
for path in /api/phrases /get_user /hello/Ann /api/users/profiles /api/v1/user/; do
  request OPTIONS "$path" "${origin[@]}" -H 'Access-Control-Request-Method: GET'
  # DRF authenticates before anything else, so HotSox refuses the anonymous OPTIONS with a 401.
  expect_true "the other apps keep same-origin: no preflight for $path ($STATUS)" \
    bash -c "[[ $STATUS == 405 || ($path == /api/v1/* && $STATUS == 401) ]]"
  expect_true "and no Access-Control-Allow-Origin on $path" bash -c "! grep -qi '^access-control-allow-origin' <<<'$HEADERS'"
done

request GET /api/change-current-phrase
expect_status 200 "change with GET"
changed=$(jq -r .current_new_phrase <<<"$BODY")
expect_true "change answers current_new_phrase" test -n "$changed"
expect_true "the new phrase ('$changed') is a phrase of the table" in_table "$changed"
request GET /api/get-current-phrase
expect_json .current_phrase "$changed" "get after change returns the changed phrase"

request POST /api/change-current-phrase
expect_status 200 "change with POST"
expect_json '.current_new_phrase | type' string "POST change answers current_new_phrase"

previous=$(jq -r .current_new_phrase <<<"$BODY")
repeats=0
for _ in $(seq 20); do
  request GET /api/change-current-phrase
  now=$(jq -r .current_new_phrase <<<"$BODY")
  [[ $now == "$previous" ]] && repeats=$((repeats + 1))
  previous=$now
done
expect_true "20 changes in a row never repeat the current phrase" test $repeats = 0

# The near cache: every worker keeps the current phrase in memory and drops it
# when KeyDB reports a change. Whoever changes it, every read after sees it.
redis=(redis-cli -s "$STACK_DIR/redis.sock")
warm_every_worker() { wrk -t1 -c16 -d1s "$BASE_URL/api/get-current-phrase" >/dev/null; }
# reads_all PHRASE N: N reads (spread over the pool's workers by NGINX) all answer PHRASE.
reads_all() {
  local _ got
  for _ in $(seq "$2"); do
    got=$(curl -sS --max-time 5 "$BASE_URL/api/get-current-phrase" | jq -r .current_phrase)
    [[ $got == "$1" ]] || { echo "read '$got', expected '$1'" >&2; return 1; }
  done
}
warm_every_worker
"${redis[@]}" set current_phrase "Set outside the app $run_id" >/dev/null
expect_true "a change made outside the app is read at once by every worker" reads_all "Set outside the app $run_id" 40

# Changes and reads alternating while other clients keep every worker's copy hot.
wrk -t1 -c16 -d6s "$BASE_URL/api/get-current-phrase" >/dev/null &
readers=$!
stale=0
for _ in $(seq 150); do
  changed=$(curl -sS --max-time 5 "$BASE_URL/api/change-current-phrase" | jq -r .current_new_phrase)
  got=$(curl -sS --max-time 5 "$BASE_URL/api/get-current-phrase" | jq -r .current_phrase)
  [[ $got == "$changed" ]] || stale=$((stale + 1))
done
wait "$readers"
expect_true "150 reads right after a change, under load, all return the changed phrase ($stale stale)" test $stale = 0

# KeyDB restarted empty: invalidations since the copy was made may be lost, so
# every copy is dropped and the phrase is read from KeyDB again.
"${redis[@]}" set current_phrase "Before the restart $run_id" >/dev/null
warm_every_worker
"$REPO_DIR/tools/dev" service stop redis
"$REPO_DIR/tools/dev" service start redis
"${redis[@]}" set current_phrase "After the restart $run_id" >/dev/null
expect_true "after a KeyDB restart every worker reads the phrase KeyDB holds" reads_all "After the restart $run_id" 40
request GET /api/change-current-phrase
expect_status 200 "changes work again after the KeyDB restart"

# Admin API
request POST /api/phrases -d '{"phrase":"x"}'
expect_status 401 "add without a token"
expect_error_shape unauthorized "add without a token"
expect_header WWW-Authenticate '^Bearer' "401 names the scheme"
request POST /api/phrases -H 'Authorization: Bearer wrong' -d '{"phrase":"x"}'
expect_status 403 "add with a wrong token"
expect_error_shape forbidden "add with a wrong token"

phrase="Test phrase $run_id ü"
request POST /api/phrases "${auth[@]}" -H 'Content-Type: application/json' -d "{\"phrase\":\"$phrase\"}"
expect_status 201 "add a phrase"
expect_json .phrase "$phrase" "the row echoes the phrase"
id=$(jq -r .id <<<"$BODY")
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$phrase\"}"
expect_status 409 "add the same phrase again"
expect_error_shape conflict "duplicate phrase"
request POST /api/phrases "${auth[@]}" -d '{"phrase":""}'
expect_status 400 "empty phrase"
expect_error_shape bad_request "empty phrase"
request POST /api/phrases "${auth[@]}" -d '{"phrase":"  "}'
expect_status 400 "a phrase of spaces only"
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$(printf 'a%.0s' $(seq 1001))\"}"
expect_status 400 "a phrase of 1001 characters"
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$(printf 'é%.0s' $(seq 1000))\"}"
expect_status 201 "a phrase of 1000 two-byte characters"
long_id=$(jq -r .id <<<"$BODY")
# 3000 bytes of UTF-8: over a B-tree entry's 2704, which the unique index on the
# text refused with a 500 (issue 18 item 3); the index is on its digest now.
cjk=$(printf '漢%.0s' $(seq 1000))
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$cjk\"}"
expect_status 201 "a phrase of 1000 CJK characters (3000 bytes)"
expect_json '.phrase | length' 1000 "stored whole"
cjk_id=$(jq -r .id <<<"$BODY")
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$cjk\"}"
expect_status 409 "the same long phrase again is a conflict"
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"${cjk:1}x\"}"
expect_status 201 "a long phrase differing in one character is another phrase"
request DELETE "/api/phrases/$(jq -r .id <<<"$BODY")" "${auth[@]}"
request DELETE "/api/phrases/$cjk_id" "${auth[@]}"
expect_status 204 "delete the long phrase"
request POST /api/phrases "${auth[@]}" -d '{"phrase": 12}'
expect_status 400 "a phrase that is not a string"
request POST /api/phrases "${auth[@]}" -d '{"phrase": "x"'
expect_status 400 "truncated JSON"

request GET '/api/phrases?pagination=100'
expect_status 200 "list phrases"
expect_true "the list holds the new phrase" grep -qF "$phrase" <<<"$BODY"
request GET '/api/phrases?page=abc'
expect_status 400 "list with a bad page"
request GET '/api/phrases?page=999'
expect_status 404 "list past the last page"

# Deleting the current phrase clears it from the cache.
request DELETE "/api/phrases/$long_id" "${auth[@]}"
expect_status 204 "delete a phrase"
request DELETE "/api/phrases/$long_id" "${auth[@]}"
expect_status 404 "delete it again"
for id in 2147483648 -2147483649 9223372036854775807; do
  request DELETE "/api/phrases/$id" "${auth[@]}"
  expect_status 404 "delete an id past the column's range ($id): absent, not a 500"
done
request DELETE /api/phrases/abc "${auth[@]}"
expect_status 400 "delete with a bad id"
request DELETE "/api/phrases/$id"
expect_status 401 "delete without a token"

# Each worker picks from its own copy of the table, valid while the table's
# version token in KeyDB stays, and swaps only while it does (phrase_swap.h):
# a phrase added is picked at once, a phrase deleted never again, even by the
# changes racing its deletion on every worker.
# changes N: N changes, 8 at a time (every worker serves some), one phrase a line.
changes() {
  seq "$1" | xargs -P 8 -I{} curl -sS --max-time 10 -w '\n' "$BASE_URL/api/change-current-phrase" |
    jq -r .current_new_phrase
}
change_load() { wrk -t1 -c16 -d"$1" "$BASE_URL/api/change-current-phrase" >/dev/null; }
change_load 1s # every worker has a copy of the table
added="Added while copied $run_id"
request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$added\"}"
expect_status 201 "add a phrase while every worker has a copy of the table"
added_id=$(jq -r .id <<<"$BODY")
picked=$(changes 120 | grep -cxF "$added")
expect_true "the changes right after the add pick it ($picked of 120)" test "$picked" -gt 0
request DELETE "/api/phrases/$added_id" "${auth[@]}"
expect_status 204 "delete the added phrase"
picked=$(changes 120 | grep -cxF "$added")
expect_true "no change after its deletion picks it ($picked of 120)" test "$picked" = 0
for round in 1 2 3; do
  gone="Deleted under load $run_id $round"
  request POST /api/phrases "${auth[@]}" -d "{\"phrase\":\"$gone\"}"
  gone_id=$(jq -r .id <<<"$BODY")
  change_load 3s &
  load=$!
  sleep 1
  request DELETE "/api/phrases/$gone_id" "${auth[@]}"
  expect_status 204 "round $round: delete a phrase while 16 connections change the phrase"
  current_after=$(for _ in $(seq 30); do
    curl -sS --max-time 5 "$BASE_URL/api/get-current-phrase" | jq -r .current_phrase
  done | grep -cxF "$gone")
  wait "$load"
  expect_true "round $round: never current after its deletion, while the changes go on ($current_after of 30 reads)" \
    test "$current_after" = 0
  request GET /api/get-current-phrase
  expect_true "round $round: not current once the changes stopped" test "$(jq -r .current_phrase <<<"$BODY")" != "$gone"
done

# Empty table: every phrase removed through the admin API, then the table's
# phrases put back (the five seed phrases at least).
rows=$(all_phrases)
saved=$(jq -sc --argjson seeds "$(printf '%s\n' "${seeds[@]}" | jq -R . | jq -sc .)" '[.[].phrase] + $seeds | unique' <<<"$rows")
for row in $(jq -r .id <<<"$rows"); do
  curl -s -o /dev/null -X DELETE "${auth[@]}" "$BASE_URL/api/phrases/$row"
done
request GET '/api/phrases'
expect_json .total 0 "every phrase deleted"
request GET /api/get-current-phrase
expect_status 404 "no phrases: get"
expect_json .error no_phrases "no phrases: error code"
expect_json .message "No phrases in the database" "no phrases: message"
request GET /api/change-current-phrase
expect_status 404 "no phrases: change"
expect_json .error no_phrases "no phrases: change error code"
for text in $(jq -r '.[] | @base64' <<<"$saved"); do
  plain=$(base64 -d <<<"$text")
  [[ $plain == "$phrase" ]] && continue
  jq -n --arg p "$plain" '{phrase: $p}' | curl -s -o /dev/null -X POST "${auth[@]}" --data-binary @- "$BASE_URL/api/phrases"
done
request GET /api/get-current-phrase
expect_status 200 "phrases restored"
for seed in "${seeds[@]}"; do
  expect_true "the seed phrase '$seed' is back" in_table "$seed"
done
expect_true "the test's phrase is not put back" not_in_table "$phrase"

finish
