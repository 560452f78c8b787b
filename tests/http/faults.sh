#!/usr/bin/env bash
# The stack under faults: KeyDB stopped, PostgreSQL restarted, the pool stopped.
# (A worker killed and a reload of the pool: pool.sh.)
source "$(dirname "$0")/lib.sh"
dev="$REPO_DIR/tools/dev"
trap restore_stack EXIT

# KeyDB down: not ready, reads still answer from PostgreSQL, changes refuse.
"$dev" service stop redis
request GET /api/ready
expect_status 503 "ready with KeyDB stopped"
expect_json .keydb unavailable "ready names KeyDB"
expect_json .postgres ok "ready says PostgreSQL is fine"
request GET /api/get-current-phrase
expect_status 200 "the phrase is still read with KeyDB stopped"
request GET "/get_user?userid=424242"
request POST "/create_user?userid=$((RANDOM * 32768 + RANDOM + 1000))&username=NoCache"
expect_status 201 "users are created with KeyDB stopped"
userid=$(jq -r .user.userid <<<"$BODY")
request GET "/get_user?userid=$userid"
expect_status 200 "users are read from PostgreSQL with KeyDB stopped"
# Hello keeps its birthdays in PostgreSQL; KeyDB only holds copies of them.
greeted="Faulty$(tr '0-9' 'a-j' <<<"$run_id")"
request PUT "/hello/$greeted" -H 'Content-Type: application/json' -d '{"dateOfBirth":"1990-05-17"}'
expect_status 204 "a birthday is saved with KeyDB stopped"
request GET "/hello/$greeted"
expect_status 200 "and greeted from PostgreSQL"
request GET /api/change-current-phrase
expect_status 503 "a change cannot be stored with KeyDB stopped"
expect_error_shape cache_unavailable "change with KeyDB stopped"
request GET /api/metrics
keydb_errors=$(grep '^fcgi_dependency_errors_total{dependency="keydb"}' <<<"$BODY" | awk '{print $NF}')
expect_true "metrics count KeyDB failures ($keydb_errors)" test "${keydb_errors:-0}" -gt 0
"$dev" service start redis
recovered=no
for _ in $(seq 20); do
  request GET /api/ready
  [[ $STATUS == 200 ]] && { recovered=yes; break; }
  sleep 0.1
done
expect_true "ready again within 2 s of KeyDB returning" test $recovered = yes

# KeyDB hangs (SIGSTOP): changes wait for it on their pipelined connection and
# get 503 after the command timeout (1 s). Meanwhile the same workers answer
# other requests: a request waiting on a dependency holds no worker.
redis_pid=$(cat "$STACK_DIR/redis.pid")
hung=$(mktemp -d)
kill -STOP "$redis_pid"
for i in $(seq 8); do
  curl -s -o "$hung/body.$i" -w '%{http_code}' --max-time 10 "$BASE_URL/api/change-current-phrase" >"$hung/status.$i" &
done
sleep 0.2
# Each check's own time, as curl measures it: starting 20 curl processes on a
# loaded machine costs more than the answers, and only the answers matter here.
for _ in $(seq 20); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 2 "$BASE_URL/api/health"
done >"$hung/health"
wait
kill -CONT "$redis_pid"
answered=$(grep -c '^200 ' "$hung/health")
slowest_ms=$(awk '{ ms = $2 * 1000; if (ms > max) max = ms } END { printf "%d", max }' "$hung/health")
expect_true "20 health checks answered, the slowest in ${slowest_ms} ms, while 8 changes wait on a hung KeyDB" \
  test "$answered" = 20 -a "$slowest_ms" -lt 500
expect_true "each waiting change ends in 503 ($(cat "$hung"/status.* | tr -s ' '))" \
  test "$(cat "$hung"/status.*)" = "503503503503503503503503"
expect_true "in the app's shape" test "$(jq -rs 'map(.error) | unique | join(",")' "$hung"/body.*)" = cache_unavailable
rm -rf "$hung"
request GET /api/change-current-phrase
expect_status 200 "changes work again once KeyDB resumes"

# PostgreSQL restarted: every worker's connection broke. The next read on each
# opens a new connection and retries once, so no read fails after the restart.
request POST "/create_user?userid=$((RANDOM * 32768 + RANDOM + 1000))&username=BeforeRestart"
restart_userid=$(jq -r .user.userid <<<"$BODY")
redis-cli -s "$STACK_DIR/redis.sock" del "users:user:$restart_userid" >/dev/null
# Every worker's copy of the phrases table fresh (phrase_memory.h): the changes pick from it.
wrk -t1 -c16 -d1s "$BASE_URL/api/change-current-phrase" >/dev/null
for _ in $(seq 8); do curl -s -o /dev/null "$BASE_URL/hello/$greeted"; done # copied to KeyDB and the workers
"$dev" service stop postgres
request GET /api/ready
expect_status 503 "ready with PostgreSQL stopped"
expect_json .postgres unavailable "ready names PostgreSQL"
request GET "/get_user?userid=$restart_userid"
expect_status 503 "a read with PostgreSQL stopped"
expect_json .message "The database is unavailable, try again shortly" "503 in the app's shape"
request GET '/api/phrases?page=1'
expect_status 503 "a list of phrases (pipelined read) with PostgreSQL stopped"
expect_error_shape database_unavailable "list with PostgreSQL stopped"
# A change picks from its worker's copy of the table, read moments ago, and
# stores in KeyDB: PostgreSQL is not on its path.
out=$(mktemp)
for _ in $(seq 10); do
  curl -s -o /dev/null -w '%{http_code}\n' "$BASE_URL/api/change-current-phrase"
done >"$out"
expect_true "changes with PostgreSQL stopped pick from the workers' copies ($(grep -cv '^200$' "$out") failures of 10)" \
  test "$(grep -cv '^200$' "$out")" = 0
request POST /api/phrases -H "Authorization: Bearer $ADMIN_TOKEN" -d '{"phrase":"Added with PostgreSQL stopped"}'
expect_status 503 "adding a phrase with PostgreSQL stopped"
expect_error_shape database_unavailable "add with PostgreSQL stopped"
request GET "/hello/$greeted"
expect_status 200 "a saved name is greeted from the workers' copies with PostgreSQL stopped"
request GET "/hello/Unsaved$(tr '0-9' 'a-j' <<<"$run_id")"
expect_status 503 "a greeting of a name never saved (read from PostgreSQL) with PostgreSQL stopped"
expect_json .message "The database is unavailable, try again shortly" "in Hello's shape"
request POST /api/v1/token/ -H 'Content-Type: application/json' -d '{"username":"nobody","password":"nothing-at-all"}'
expect_status 503 "a HotSox login with PostgreSQL stopped"
expect_json .detail "The database is unavailable, try again shortly" "in DRF's shape"
"$dev" service start postgres
sleep 0.3  # past the reconnect back-off
out=$(mktemp)
for _ in $(seq 40); do
  curl -s -o /dev/null -w '%{http_code}\n' "$BASE_URL/get_user?userid=$restart_userid"
done >"$out"
expect_true "every read after the restart succeeds ($(grep -cv '^200$' "$out") failures of 40)" test "$(grep -cv '^200$' "$out")" = 0
for _ in $(seq 40); do
  curl -s -o /dev/null -w '%{http_code}\n' "$BASE_URL/api/change-current-phrase"
done >"$out"
expect_true "every change after the restart succeeds ($(grep -cv '^200$' "$out") failures of 40)" \
  test "$(grep -cv '^200$' "$out")" = 0
rm -f "$out"

# The pool down: NGINX answers 502 in JSON, and still serves the static pages.
"$dev" service stop app
request GET /api/get-current-phrase
expect_status 502 "pool stopped"
expect_error_shape bad_gateway "pool stopped"
request GET /api/v1/user/
expect_status 502 "a HotSox route with the pool stopped"
expect_json .detail "The application is not answering, try again shortly" "NGINX's 502 in DRF's shape"
expect_header X-Request-Id '^[0-9a-f]{32}$' "NGINX's 502 carries X-Request-Id"
expect_header Content-Security-Policy "default-src 'self'" "NGINX's 502 carries the security headers"
request POST /api/change-current-phrase
expect_status 502 "pool stopped: a POST"
expect_error_shape bad_gateway "pool stopped: a POST"
request GET /phgen/
expect_status 200 "static pages are served with the pool stopped"
"$dev" service start app
# shellcheck source=/dev/null # written by tools/dev up
source "$stack_env"  # the pool has a new pid
request GET /api/get-current-phrase
expect_status 200 "pool started again"

finish
