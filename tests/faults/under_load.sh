#!/usr/bin/env bash
# Faults under load: while loops of writes and reads run through NGINX, inject
# one fault at a time and check that every write answered 2xx is stored, reads
# recover within 2 s of the dependency returning, no worker leaks PostgreSQL
# connections, and the failure shows in /api/metrics. Loopback only; every
# loop stops by itself. Writes docs/RELIABILITY.md (RELIABILITY_REPORT=path).
source "$(dirname "$0")/../http/lib.sh"
dev="$REPO_DIR/tools/dev"
report=${RELIABILITY_REPORT:-$REPO_DIR/docs/RELIABILITY.md}
work=$(mktemp -d)
trap 'restore_stack; touch "$work/stop"; wait; rm -rf "$work"' EXIT
loops=${FAULT_LOOPS:-3}
python=/usr/bin/python3

reader_name="Reliable$(tr '0-9' 'a-j' <<<"$run_id")"
curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' -d '{"dateOfBirth":"1990-05-17"}' "$BASE_URL/hello/$reader_name"

now() { echo "${EPOCHREALTIME/,/.}"; }
writer() { # first_id output
  local id=$1
  while [[ ! -f $work/stop ]]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 -X POST "$BASE_URL/create_user?userid=$id&username=load$id")
    echo "$(now) $id $code"
    id=$((id + 1))
  done >"$2"
}
reader() { # path output
  while [[ ! -f $work/stop ]]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$BASE_URL$1")
    echo "$(now) $code"
  done >"$2"
}
app_connections() { psql "$OWNER_DATABASE_URL" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE usename = 'fcgi_app'"; }

rows=()
run_phase() { # name metric-name inject-command...
  local name=$1 watched=$2
  shift 2
  rm -f "$work/stop" "$work"/*.log
  local base=$(( (RANDOM * 32768 + RANDOM) % 1000000000 + 1000000000 ))
  local metric_before
  metric_before=$(metric "$watched")
  local pids=()
  for ((l = 0; l < loops; l++)); do
    writer $((base + l * 1000000)) "$work/writes-$l.log" &
    pids+=($!)
  done
  reader "/hello/$reader_name" "$work/reads-db.log" &
  pids+=($!)
  reader /api/get-current-phrase "$work/reads-cache.log" &
  pids+=($!)
  sleep 1.5
  local back_at
  "$@"
  back_at=$(now)
  sleep 3
  touch "$work/stop"
  wait "${pids[@]}"
  sleep 0.5

  # Every write answered 2xx must be in the table.
  cat "$work"/writes-*.log | awk '$3 ~ /^2/ {print $2}' | sort -n >"$work/acked"
  psql "$OWNER_DATABASE_URL" -XAtc "SELECT userid FROM registry_users WHERE userid >= $base AND userid < $((base + loops * 1000000))" |
    sort -n >"$work/found"
  local sent acked found missing server_errors recovery
  sent=$(cat "$work"/writes-*.log "$work"/reads-*.log | wc -l)
  acked=$(wc -l <"$work/acked")
  found=$(comm -12 "$work/acked" "$work/found" | wc -l)
  missing=$((acked - found))
  server_errors=$(cat "$work"/writes-*.log | awk '$3 ~ /^5/' | wc -l)
  server_errors=$((server_errors + $(cat "$work"/reads-*.log | awk '$2 ~ /^5/' | wc -l)))
  # Recovery: from the dependency's return to the last failed read (0 if none after).
  recovery=$(cat "$work"/reads-*.log | awk -v back="$back_at" '$1 >= back && $2 !~ /^2/ {last = $1} END {printf "%.2f", (last ? last - back : 0)}')
  local metric_after
  metric_after=$(metric "$watched")
  local shows=no
  ((metric_after > metric_before)) && shows=yes
  local connections
  connections=$(app_connections)

  expect_true "$name: every acknowledged write is stored ($found of $acked)" test "$missing" = 0
  expect_true "$name: reads recover within 2 s of the dependency returning (${recovery} s)" \
    "$python" -c "import sys; sys.exit(0 if $recovery <= 2.0 else 1)"
  expect_true "$name: /api/metrics shows it ($watched $metric_before -> $metric_after)" test $shows = yes
  expect_true "$name: no leaked PostgreSQL connections ($connections for the pool's role)" test "$connections" -le $((2 * (WORKERS_EXPECTED + 1) + 1))
  rows+=("| $name | $sent | $acked | $found | $server_errors | $recovery s | $watched +$((metric_after - metric_before)) | $connections |")
  echo "$name: sent $sent, acked $acked, found $found, 5xx $server_errors, recovery $recovery s" >&2
}

# Each worker holds at most two PostgreSQL connections (the blocking one and
# the pipelined one of asynchronous handlers), and after a reload one worker
# may still be draining its kept connections; the jobs worker holds one more.
# A leak grows with every phase and passes that.
WORKERS_EXPECTED=$(pgrep -P "$APP_PID" | wc -l)

restart_postgres() { "$dev" service stop postgres; sleep 1; "$dev" service start postgres; }
restart_keydb() { "$dev" service stop redis; sleep 1; "$dev" service start redis; }
kill_worker() { kill -KILL "$(pgrep -P "$APP_PID" | head -1)"; }
reload_pool() { kill -HUP "$APP_PID"; }
# Every worker stopped: NGINX's connections and new ones wait in the socket's
# listen backlog and in NGINX; nothing may fail, only wait.
fill_backlog() {
  local workers
  mapfile -t workers < <(pgrep -P "$APP_PID")
  kill -STOP "${workers[@]}"
  sleep 1.5
  kill -CONT "${workers[@]}"
}

run_phase "PostgreSQL restarted" 'fcgi_dependency_errors_total{dependency="postgres"}' restart_postgres
run_phase "KeyDB restarted" 'fcgi_dependency_errors_total{dependency="keydb"}' restart_keydb
run_phase "a worker killed (kill -9)" fcgi_worker_starts_total kill_worker
run_phase "the pool reloaded (SIGHUP)" fcgi_worker_starts_total reload_pool
run_phase "listen backlog filled (workers stopped 1.5 s)" 'fcgi_request_duration_seconds_bucket{route="POST /create_user",le="+Inf"}' fill_backlog

# Sections written by hand after the generated part ("## Round two" on) are kept.
kept=$(sed -n '/^## Round two/,$p' "$report" 2>/dev/null)
{
  echo "# Reliability under faults"
  echo
  echo "Produced by \`tools/dev up && bash tests/faults/under_load.sh\` (also run by \`tools/dev test\`) on"
  echo "$(date -u +%Y-%m-%d) at commit $(git -C "$REPO_DIR" rev-parse --short HEAD): $loops loops of writes"
  echo "(\`POST /create_user\` with unique ids) and 2 loops of reads (\`GET /hello/<name>\` from PostgreSQL,"
  echo "\`GET /api/get-current-phrase\` from KeyDB) through NGINX on loopback; each fault is injected 1.5 s"
  echo "into the load, which runs 3 s more. A write is acknowledged when it was answered 2xx, found when its"
  echo "row is in PostgreSQL afterwards. Recovery: from the dependency's return to the last failed read."
  echo
  echo "| fault | requests sent | writes acknowledged | acknowledged writes found | 5xx answers | recovery | shown in /api/metrics | pool's PostgreSQL connections after |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "5xx answers are the requests that arrived while a dependency was down (a 503 in the app's error"
  echo "shape: nothing was stored for them) or that were on the killed worker. No acknowledged write is"
  echo "ever missing, and no request fails during a reload or while the backlog fills."
  echo
  echo "Background jobs are tested by \`http_jobs\` (tests/http/jobs.sh): the jobs worker killed mid-batch,"
  echo "the SMTP server down, and KeyDB restarted empty while mails wait in its stream. A job's outbox row"
  echo "stays in PostgreSQL until the job is finished, so every mail still arrives (at least once, with one"
  echo "Message-ID) and the outbox ends empty."
  if [[ -n $kept ]]; then
    echo
    printf '%s\n' "$kept"
  fi
} >"$report"
echo "report: $report" >&2
finish
