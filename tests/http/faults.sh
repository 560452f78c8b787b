#!/usr/bin/env bash
# The pool under faults: KeyDB down, the pool down, a worker killed, a reload.
source "$(dirname "$0")/lib.sh"
dev="$REPO_DIR/tools/dev"

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

# PostgreSQL restarted: every worker's connection broke. The next read on each
# opens a new connection and retries once, so no read fails after the restart.
request POST "/create_user?userid=$((RANDOM * 32768 + RANDOM + 1000))&username=BeforeRestart"
restart_userid=$(jq -r .user.userid <<<"$BODY")
redis-cli -s "$STACK_DIR/redis.sock" del "users:user:$restart_userid" >/dev/null
"$dev" service stop postgres
request GET /api/ready
expect_status 503 "ready with PostgreSQL stopped"
expect_json .postgres unavailable "ready names PostgreSQL"
request GET "/get_user?userid=$restart_userid"
expect_status 503 "a read with PostgreSQL stopped"
expect_json .message "The database is unavailable, try again shortly" "503 in the app's shape"
"$dev" service start postgres
sleep 0.3  # past the reconnect back-off
out=$(mktemp)
for _ in $(seq 40); do
  curl -s -o /dev/null -w '%{http_code}\n' "$BASE_URL/get_user?userid=$restart_userid"
done >"$out"
expect_true "every read after the restart succeeds ($(grep -cv '^200$' "$out") failures of 40)" test "$(grep -cv '^200$' "$out")" = 0
rm -f "$out"

# The pool down: NGINX answers 502 in JSON.
"$dev" service stop app
request GET /api/get-current-phrase
expect_status 502 "pool stopped"
expect_error_shape bad_gateway "pool stopped"
"$dev" service start app
source "$stack_env"  # the pool has a new pid
request GET /api/get-current-phrase
expect_status 200 "pool started again"

# stream PATH METHOD COUNT OUTPUT: sequential requests, one status per line.
stream() {
  local i
  for ((i = 0; i < $3; i++)); do
    curl -s -o /dev/null -w '%{http_code}\n' -X "$2" --max-time 10 "$BASE_URL$1"
  done >"$4"
}
failures() { grep -cv '^2' "$1"; }

# A worker killed with SIGKILL is replaced, and no request fails.
workers_before=$(pgrep -P "$APP_PID" | sort)
out=$(mktemp)
stream /api/get-current-phrase GET 400 "$out" &
streamer=$!
sleep 0.3
victim=$(head -1 <<<"$workers_before")
kill -KILL "$victim"
wait $streamer
expect_true "no request failed while a worker was killed ($(failures "$out") failures)" test "$(failures "$out")" = 0
sleep 0.5
workers_after=$(pgrep -P "$APP_PID" | sort)
expect_true "the killed worker is gone" bash -c "! grep -qx $victim <<<'$workers_after'"
expect_true "the pool is back to $(wc -l <<<"$workers_before") workers" \
  test "$(wc -l <<<"$workers_after")" = "$(wc -l <<<"$workers_before")"

# SIGHUP replaces every worker one by one while reads and writes (POST, which
# NGINX never retries) keep flowing.
workers_before=$(pgrep -P "$APP_PID" | sort)
outs=()
pids=()
for method in GET POST GET POST; do
  o=$(mktemp)
  outs+=("$o")
  stream /api/change-current-phrase "$method" 300 "$o" &
  pids+=($!)
done
for _ in 1 2 3 4; do
  sleep 0.4
  kill -HUP "$APP_PID"
done
wait "${pids[@]}"
total_failures=0
for o in "${outs[@]}"; do total_failures=$((total_failures + $(failures "$o"))); done
expect_true "no failed request across four reloads under reads and writes ($total_failures failures of 1200)" test $total_failures = 0
sleep 3.5  # replaced workers serve their kept connections until NGINX closes them
workers_after=$(pgrep -P "$APP_PID" | sort)
expect_true "every worker was replaced" test -z "$(comm -12 <(echo "$workers_before") <(echo "$workers_after"))"
expect_true "the pool size is unchanged" test "$(wc -l <<<"$workers_after")" = "$(wc -l <<<"$workers_before")"
rm -f "$out" "${outs[@]}"

finish
