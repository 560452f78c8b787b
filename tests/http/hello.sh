#!/usr/bin/env bash
# Hello (SPEC.md § Hello): the original suite's seven cases, then every rule.
source "$(dirname "$0")/lib.sh"

json=(-H 'Content-Type: application/json')
# Letters only, unique to this run: map the run id's digits to letters.
suffix=$(tr '0-9' 'a-j' <<<"$run_id")
name="Ann$suffix"
today=$(date -u +%Y-%m-%d)

# 1. the database is reachable
request GET /api/ready
expect_status 200 "database reachable"
# 2. PUT stores a birthday: 204, empty body
request PUT "/hello/$name" "${json[@]}" -d '{"dateOfBirth":"1990-05-17"}'
expect_status 204 "PUT a date of birth"
expect_true "204 has an empty body" test -z "$BODY"
# 3. GET greets, 200
request GET "/hello/$name"
expect_status 200 "GET a greeting"
days=$(( ( $(date -u -d "$(date -u +%Y)-05-17" +%s) - $(date -u -d "$today" +%s) ) / 86400 ))
(( days < 0 )) && days=$(( ( $(date -u -d "$(( $(date -u +%Y) + 1 ))-05-17" +%s) - $(date -u -d "$today" +%s) ) / 86400 ))
if (( days == 0 )); then expected="Hello, $name! Happy Birthday!"; else expected="Hello, $name! Your birthday is in $days day(s)"; fi
expect_json .message "$expected" "greeting counts the days to the next birthday"
# 4. a future date
request PUT "/hello/$name" "${json[@]}" -d "{\"dateOfBirth\":\"$(date -u -d '+1 day' +%Y-%m-%d)\"}"
expect_status 400 "date of birth tomorrow"
expect_json .message "Error! Date of birth provided is in the future!" "future date message"
# 5. an invalid username on GET
request GET /hello/user1234
expect_status 400 "username with digits on GET"
expect_json .message "Error! Username not valid!" "invalid username message"
# 6. a wrong date
request PUT "/hello/$name" "${json[@]}" -d '{"dateOfBirth":"1995-02-29"}'
expect_status 400 "29 February of a common year"
expect_json .message "Error! The date provided is incorrect. It should be YYYY-MM-DD" "wrong date message"
# 7. no body
request PUT "/hello/$name" "${json[@]}"
expect_status 400 "PUT without a body"
expect_json .message "Error! Request payload and Content-Type: application/json header are required" "missing body message"

# Today is accepted, and is a birthday.
request PUT "/hello/$name" "${json[@]}" -d "{\"dateOfBirth\":\"$today\"}"
expect_status 204 "born today"
request GET "/hello/$name"
expect_json .message "Hello, $name! Happy Birthday!" "PUT twice updates: Happy Birthday today (capital B, as the original)"

# Unicode letters are names; digits, underscores, spaces and 51 letters are not.
for good in "José$suffix" "Zoë$suffix" "Łukasz$suffix"; do
  request PUT "/hello/$good" "${json[@]}" -d '{"dateOfBirth":"2000-02-29"}'
  expect_status 204 "PUT for $good"
  request GET "/api/hello/$good"
  expect_status 200 "GET $good through the /api alias"
done
for bad in user1234 a_b 'a%20b' "$(printf 'a%.0s' $(seq 51))" 'Jos%C3' 'a.b'; do
  request PUT "/hello/$bad" "${json[@]}" -d '{"dateOfBirth":"2000-01-01"}'
  expect_status 400 "PUT for invalid name $bad"
  expect_json .message "Error! Username not valid!" "invalid name $bad message"
done
request GET /hello/a%00b
expect_status 400 "a NUL byte in the name (NGINX refuses it before the app)"
expect_json .message "The request is malformed" "NGINX's own 400, in Hello's {\"message\": ...} shape"
request GET /hello/
expect_status 404 "no username at all"

# The date is strict YYYY-MM-DD and real; a bad body is the same 400, never a 500.
for body in '{"dateOfBirth":"1995-13-01"}' '{"dateOfBirth":"1995-4-2"}' '{"dateOfBirth":"95-04-12"}' \
  '{"dateOfBirth":"2000-02-30"}' '{"dateOfBirth":19950412}' '{"dateOfBirth":null}' '{"date":"1995-04-12"}' \
  '["1995-04-12"]' '"1995-04-12"' '{"dateOfBirth":"1995-04-12"' 'not json'; do
  request PUT "/hello/$name" "${json[@]}" -d "$body"
  expect_status 400 "bad body $body"
  expect_json .message "Error! The date provided is incorrect. It should be YYYY-MM-DD" "bad body $body message"
done
# The name is checked before the payload.
request PUT /hello/a1 "${json[@]}"
expect_json .message "Error! Username not valid!" "name checked before the payload"

request GET "/hello/Nobody$suffix"
expect_status 404 "unknown user"
expect_json .message "Error! User Nobody$suffix not found" "unknown user message"

# 1000 concurrent PUTs for distinct users: every one stored.
batch="Batch$suffix"
seq 1000 | tr '0-9' 'a-j' | xargs -P 32 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X PUT \
  -H 'Content-Type: application/json' -d '{"dateOfBirth":"1980-01-01"}' "$BASE_URL/hello/${batch}x{}" >"$STACK_DIR/hello-batch.txt"
expect_true "1000 concurrent PUTs all answered 204" test "$(grep -c '^204$' "$STACK_DIR/hello-batch.txt")" = 1000
stored=$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM hello_birthdays WHERE username LIKE '${batch}x%'")
expect_true "1000 concurrent PUTs all stored ($stored rows)" test "$stored" = 1000
rm -f "$STACK_DIR/hello-batch.txt"

# Greetings come from a copy every worker keeps (birthday_store.h): a save is
# seen at once by every worker, and concurrent saves leave the last one's date
# in the copy as in the table.
keydb() { redis-cli -s "$STACK_DIR/redis.sock" "$@"; }
days_to() { # MM-DD -> days from today to the next one
  local year days
  year=$(date -u +%Y)
  days=$(( ($(date -u -d "$year-$1" +%s) - $(date -u -d "$today" +%s)) / 86400 ))
  ((days >= 0)) || days=$(( ($(date -u -d "$((year + 1))-$1" +%s) - $(date -u -d "$today" +%s)) / 86400 ))
  echo "$days"
}
cached="Cached$suffix"
request PUT "/hello/$cached" "${json[@]}" -d '{"dateOfBirth":"1990-01-01"}'
for _ in $(seq 8); do curl -s -o /dev/null "$BASE_URL/hello/$cached"; done # every worker keeps it
stale=0
for month in 02 03 04 05 06 07 08 09 10 11; do
  curl -s -o /dev/null -X PUT "${json[@]}" -d "{\"dateOfBirth\":\"1990-$month-15\"}" "$BASE_URL/hello/$cached"
  expected=$(days_to "$month-15")
  for _ in 1 2 3; do
    request GET "/hello/$cached"
    [[ $(jq -r .message <<<"$BODY") == "Hello, $cached! Your birthday is in $expected day(s)" ]] || stale=$((stale + 1))
  done
done
expect_true "each of 10 saves is seen by the next 3 greetings, whichever worker answers ($stale stale)" test "$stale" = 0
for i in $(seq 200); do echo "{\"dateOfBirth\":\"19$((i % 90 + 10))-06-15\"}"; done |
  xargs -d '\n' -P 16 -I{} curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' -d {} "$BASE_URL/hello/$cached"
for _ in $(seq 8); do curl -s -o /dev/null "$BASE_URL/hello/$cached"; done
# The copy is "<saves in flight> <version> <date>": each save marks itself in
# flight while it commits and settles after answering.
table=$(psql "$DATABASE_URL" -XAtc "SELECT '0 ' || version || ' ' || birthday FROM hello_birthdays WHERE username = '$cached'")
copy_is_table() { [[ $(keydb get "hello:birthday:$cached") == "$table" ]]; }
expect_true "after 200 concurrent saves KeyDB's copy is the table's row, none in flight ('$table')" wait_for 3 copy_is_table
# A save replaces a copy of an older version.
keydb set "hello:birthday:$cached" "0 1 1970-06-15" >/dev/null
curl -s -o /dev/null -X PUT "${json[@]}" -d '{"dateOfBirth":"1990-06-16"}' "$BASE_URL/hello/$cached"
request GET "/hello/$cached"
expect_json .message "Hello, $cached! Your birthday is in $(days_to 06-16) day(s)" "a save replaces an older copy"
# While a save is in flight (here one whose settling never came: its worker or
# KeyDB failed), greetings read PostgreSQL and leave the copy alone.
keydb set "hello:birthday:$cached" "1 999999999999 1970-06-15" EX 60 >/dev/null
for _ in 1 2 3 4; do
  request GET "/hello/$cached"
  expect_json .message "Hello, $cached! Your birthday is in $(days_to 06-16) day(s)" "a copy with a save in flight is not read"
done
expect_true "nor filled by a greeting" test "$(keydb get "hello:birthday:$cached")" = "1 999999999999 1970-06-15"
curl -s -o /dev/null -X PUT "${json[@]}" -d '{"dateOfBirth":"1990-06-17"}' "$BASE_URL/hello/$cached"
request GET "/hello/$cached"
expect_json .message "Hello, $cached! Your birthday is in $(days_to 06-17) day(s)" "a save beside one still in flight is greeted"
keydb del "hello:birthday:$cached" >/dev/null

finish
