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
expect_error_shape bad_request "NGINX's own 400"
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

finish
