#!/usr/bin/env bash
# The pool's own resilience: a worker killed with SIGKILL mid-stream, and
# SIGHUP reloads under reads and writes; no client ever sees a failure.
source "$(dirname "$0")/lib.sh"
trap restore_stack EXIT # it kills workers

workers() { pgrep -P "$APP_PID" | sort; }
# stream PATH METHOD COUNT OUTPUT: sequential requests, one status a line.
stream() {
  local i
  for ((i = 0; i < $3; i++)); do
    curl -s -o /dev/null -w '%{http_code}\n' -X "$2" --max-time 10 "$BASE_URL$1"
  done >"$4"
}
not_200() { grep -cv '^200$' "$1"; }
# wait_for_workers N: until the pool runs N workers (5 s at most).
wait_for_workers() {
  for _ in $(seq 50); do
    [[ $(workers | wc -l) == "$1" ]] && return 0
    sleep 0.1
  done
  return 1
}

expected=${WORKERS:-4}
expect_true "the pool runs $expected workers" wait_for_workers "$expected"

# SIGKILL: NGINX retries the interrupted GET on another worker (the upstream
# lists the pool twice), and the supervisor forks a replacement.
workers_before=$(workers)
out=$(mktemp)
stream /api/get-current-phrase GET 300 "$out" &
streamer=$!
sleep 0.3
victim=$(head -1 <<<"$workers_before")
kill -KILL "$victim"
wait $streamer
expect_true "300 GETs while a worker was killed: all 200 ($(not_200 "$out") were not)" test "$(not_200 "$out")" = 0
expect_true "the pool is back to $expected workers" wait_for_workers "$expected"
workers_after=$(workers)
expect_true "the killed worker ($victim) is gone" bash -c "! grep -qx $victim <<<'$workers_after'"
new=$(comm -13 <(echo "$workers_before") <(echo "$workers_after") | tr '\n' ' ')
expect_true "a new worker replaced it (${new:-none})" test -n "$new"

# The same with NGINX holding many kept connections to the pool (a burst of
# 64 parallel requests just before), and 2000 GETs on one client connection,
# so that the worker is killed mid-request: the retry then meets the dead
# worker's kept connections one after another, and must get past them all.
workers_before=$(workers)
burst=()
for _ in $(seq 400); do burst+=("$BASE_URL/api/health" -o /dev/null); done
curl -s --no-progress-meter -Z --parallel-max 64 "${burst[@]}"
urls=()
for _ in $(seq 2000); do urls+=("$BASE_URL/api/get-current-phrase" -o /dev/null); done
curl -s --max-time 60 -w '%{http_code}\n' "${urls[@]}" >"$out" &
streamer=$!
sleep 0.2
kill -KILL "$(head -1 <<<"$workers_before")"
wait $streamer
expect_true "2000 GETs on a kept connection, a worker killed after a burst: all 200 ($(not_200 "$out") were not)" \
  test "$(not_200 "$out")" = 0
expect_true "the pool is back to $expected workers" wait_for_workers "$expected"

# SIGHUP replaces every worker one by one while reads and writes (POST, which
# NGINX never retries) keep flowing: four reloads, four streams in parallel.
workers_before=$(workers)
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
failures=0
for o in "${outs[@]}"; do failures=$((failures + $(not_200 "$o"))); done
expect_true "GETs and POSTs across four reloads: all 200 ($failures of 1200 were not)" test $failures = 0
# A replaced worker serves its kept connections until NGINX closes them (3 s idle).
replaced=no
for _ in $(seq 60); do
  workers_after=$(workers)
  if [[ -z $(comm -12 <(echo "$workers_before") <(echo "$workers_after")) &&
    $(wc -l <<<"$workers_after") == "$expected" ]]; then
    replaced=yes
    break
  fi
  sleep 0.1
done
expect_true "every worker was replaced, and the pool has $expected again" test $replaced = yes
request GET /api/health
expect_status 200 "the pool answers after the reloads"

rm -f "$out" "${outs[@]}"
finish
