# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # the callers set github_rows, hotsox_socks,
# connections and skip, and read endpoints, first_sock and last_sock
# Shared by tools/bench/run, tools/bench/mixed and tools/bench/profile (sourced,
# after `cd "$repo"`): the stack to measure, the data the endpoints read, the
# endpoints and the mix, the process groups of the stack and the generated
# sections of docs/BENCHMARKS.md. The callers set github_rows and hotsox_socks.

# Sources the stack's environment (BASE_URL, APP_PID, ...), starting the local
# stack when none answers.
bench_use_stack() {
  local stack_env=${STACK_ENV_FILE:-$repo/.run/stack.env}
  # shellcheck source=/dev/null # written by tools/dev up
  if [[ ! -f $stack_env ]] || ! (source "$stack_env" && curl -fsS -o /dev/null "$BASE_URL/api/health"); then
    echo "bench: starting the local stack" >&2
    ./tools/dev up >&2
  fi
  # shellcheck source=/dev/null
  source "$stack_env"
  command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
  postmaster_pid=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null || echo 0)
}

# Data the endpoints read. Each write is idempotent, so reruns find the same state.
bench_user_data() {
  curl -fsS -o /dev/null -X POST "$BASE_URL/create_user?userid=424242&username=benchuser" 2>/dev/null || true
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' -d '{"dateOfBirth":"1990-05-17"}' \
    "$BASE_URL/hello/Benchmark" 2>/dev/null || true
}

seed_github() {
  DATABASE_URL=$OWNER_DATABASE_URL "$FCGI_APP" seed github --total "$1" >&2
}
# HotSox: many socks with pictures (tools/bench/seed_hotsox.sql).
seed_hotsox() {
  psql "$OWNER_DATABASE_URL" -Xq -v socks="$1" -f tools/bench/seed_hotsox.sql >&2
}
remove_hotsox() {
  psql "$OWNER_DATABASE_URL" -Xq -c "DELETE FROM hotsox_users WHERE username LIKE 'bench\_owner\_%'" >&2
}

# Seeds $github_rows GitHub profiles and $hotsox_socks socks (0: leaves that
# table alone); bench_restore_data puts back what the stack had (150 profiles,
# no bench socks). Callers run the latter from their EXIT trap.
bench_seed_data() {
  ((github_rows > 0)) && seed_github "$github_rows"
  ((hotsox_socks > 0)) && seed_hotsox "$hotsox_socks"
  # The state autovacuum would leave the tables in, reached before measuring
  # rather than during it. Each run's cleanup deletes the 100k bench socks and,
  # with them, the judgements the mix made: until a vacuum, next sock's read of
  # the judged socks visited ~2,000 dead rows (1.7 ms of PostgreSQL against 0.2).
  PGOPTIONS='-c client_min_messages=error' psql "$OWNER_DATABASE_URL" -Xq -c 'VACUUM (ANALYZE)' >&2
  return 0
}
bench_restore_data() {
  ((github_rows > 0)) && seed_github 150
  ((hotsox_socks > 0)) && remove_hotsox
  return 0
}

# The HotSox user who swipes: signed up, logged in (a fresh token: it lives 5
# minutes), with one sock. Sets hotsox_authorization and swipe_sock.
hotsox_authorization=""
swipe_sock=0
prepare_swiper() {
  local json=(-H 'Content-Type: application/json') password="bench password 1" access
  curl -fsS -o /dev/null -X POST "${json[@]}" "$BASE_URL/api/v1/user/" -d "{\"username\":\"bench_swiper\",
    \"email\":\"bench_swiper@example.invalid\",\"password\":\"$password\",\"info_birthday\":\"1990-01-01\",
    \"info_gender\":\"8\",\"location_city\":\"Benchtown\",\"notification\":false}" 2>/dev/null || true
  access=$(curl -fsS -X POST "${json[@]}" "$BASE_URL/api/v1/token/" \
    -d "{\"username\":\"bench_swiper\",\"password\":\"$password\"}" | jq -r .access)
  hotsox_authorization="Bearer $access"
  swipe_sock=$(curl -fsS -H "Authorization: $hotsox_authorization" "$BASE_URL/api/v1/user/socks/" | jq -r '.results[0].id // empty')
  [[ -n $swipe_sock ]] || swipe_sock=$(curl -fsS -X POST -H "Authorization: $hotsox_authorization" "${json[@]}" \
    "$BASE_URL/api/v1/user/sock/" -d '{"info_name":"bench","info_color":5,"info_fabric":3,"info_fabric_thickness":3,
    "info_brand":6,"info_type":4,"info_size":3,"info_age":12,"info_condition":6,"info_holes":5,"info_kilometers":500,
    "info_inoutdoor":4,"info_washed":3,"info_special":"0cc175b9c0f1b6a831c399e269772661"}' | jq -r .id)
}

# The first and last seeded sock (0 0 when none): the socks the mix judges.
bench_sock_range() {
  read -r first_sock last_sock < <(psql "$OWNER_DATABASE_URL" -XAt -F ' ' -c "SELECT coalesce(min(s.id), 0),
    coalesce(max(s.id), 0) FROM hotsox_socks s JOIN hotsox_users u ON u.id = s.owner_id
    WHERE u.username LIKE 'bench\_owner\_%'")
}

# tools/bench/run's endpoints, into the array endpoints (after prepare_swiper):
# name | method | path | wrk script (report.lua unless given). An endpoint
# whose app does not answer 2xx is skipped by the callers.
bench_endpoints() {
  # The 100 commonest 3-character terms with more than 5 pages of 25, each
  # with its last page, for tools/bench/deep_search.lua.
  BENCH_DEEP_TERMS=$(psql "$OWNER_DATABASE_URL" -XAt -c "SELECT string_agg(term || ':' || (total + 24) / 25, ' ')
    FROM (SELECT term, total FROM github_users_term_counts WHERE length(term) = 3 AND total > 150
          ORDER BY total DESC, term LIMIT 100) AS common")
  export BENCH_DEEP_TERMS
  local deep_term=${BENCH_DEEP_TERMS%%:*}
  endpoints=(
    "NGINX fixed response (ceiling)|GET|/bench/nginx-fixed"
    "GET /api/health (transport only)|GET|/api/health"
    "GET /api/get-current-phrase (cache read)|GET|/api/get-current-phrase"
    "GET /api/change-current-phrase (DB + cache write)|GET|/api/change-current-phrase"
    "GET /get_user (read by key, KeyDB cache)|GET|/get_user?userid=424242"
    "GET /hello/<name> (read by key, near-cached copy)|GET|/hello/Benchmark"
    "GET /api/users/profiles?username=ab ($github_rows rows, cached)|GET|/api/users/profiles?username=ab"
    "GET /api/users/profiles?username=<random 3 letters> ($github_rows rows, uncached)|GET|/api/users/profiles?username=abc|tools/bench/random_search.lua"
    "GET /api/users/profiles?order_by=type&page=<deep> ($github_rows rows)|GET|/api/users/profiles?order_by=type&page=$((github_rows / 25 - 5))"
    "GET /api/users/profiles?username=<common 3 characters>&page=<random deep> ($github_rows rows, mostly uncached)|GET|/api/users/profiles?username=${deep_term:-a}&page=6|tools/bench/deep_search.lua"
    "GET /api/v1/user/swipe/<sock>/next ($hotsox_socks socks, JWT)|GET|/api/v1/user/swipe/$swipe_sock/next"
  )
}

# The mixed load (tools/bench/mixed.lua): kind | percent of the connections | what it is
mix=(
  "phrase_read|30|GET /api/get-current-phrase (PhGen, cache read)"
  "user_read|25|GET /get_user (Users, cache read)"
  "phrase_change|10|GET /api/change-current-phrase (PhGen, DB + cache write)"
  "hello_read|10|GET /hello/<name> (Hello, read)"
  "hello_write|5|PUT /hello/<random name> (Hello, write)"
  "github_search|10|GET /api/users/profiles?username=<random 1-4 letters>[&page][&order_by] (GitHub)"
  "hotsox_next|5|GET /api/v1/user/swipe/<sock>/next (HotSox next sock)"
  "hotsox_judge|3|POST /api/v1/user/swipe/<sock>/judge/<random sock>?like= (HotSox judge)"
  "register_login|2|POST /create_user (Users) or /api/v1/token/ (HotSox login), half each"
)

# Starts one wrk per kind of the mix for $1 seconds, each writing its report
# into $2/<kind> (and its connections into $2/<kind>.connections); their PIDs
# go into mix_pids. Reads connections, skip (a regex of kinds to leave out),
# hotsox_authorization, swipe_sock, first_sock and last_sock.
mix_pids=()
bench_start_mix() {
  local seconds=$1 into=$2 entry kind percent c
  mix_pids=()
  for entry in "${mix[@]}"; do
    IFS='|' read -r kind percent _ <<<"$entry"
    c=$(((connections * percent + 50) / 100))
    ((c >= 1)) || c=1
    if [[ $kind == hotsox_* ]] && ((first_sock == 0)); then continue; fi
    if [[ -n $skip && $kind =~ $skip ]]; then continue; fi
    BENCH_KIND=$kind BENCH_AUTHORIZATION=$hotsox_authorization BENCH_SWIPE_SOCK=$swipe_sock \
      BENCH_FIRST_SOCK=$first_sock BENCH_LAST_SOCK=$last_sock wrk -t1 -c"$c" -d"${seconds}s" --latency \
      -s tools/bench/mixed.lua "$BASE_URL/" >"$into/$kind" 2>&1 &
    mix_pids+=($!)
    echo "$c" >"$into/$kind.connections"
  done
}
bench_wait_mix() {
  local pid
  for pid in "${mix_pids[@]}"; do wait "$pid" || true; done
}

# The stack's process groups, by PID: NGINX's workers, the pool's workers,
# Redis, PostgreSQL's backends (children of the master processes, as they are now).
nginx_pids() { pgrep -P "$NGINX_PID" || true; }
pool_pids() { pgrep -P "$APP_PID" || true; }
redis_pids() { echo "$REDIS_PID"; }
postgres_pids() { pgrep -P "$postmaster_pid" || true; }

# CPU time (clock ticks) used so far by each group, in the order above.
group_ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
stack_ticks() {
  # shellcheck disable=SC2046 # one PID per word
  echo "$(group_ticks $(nginx_pids)) $(group_ticks $(pool_pids)) $(group_ticks $(redis_pids))" \
    "$(group_ticks $(postgres_pids))"
}

# Replaces what lies between <!-- $1:begin --> and <!-- $1:end --> in the file
# $2 with $3, when the file has those markers.
bench_write_section() {
  local marker=$1 file=$2 body=$3
  [[ -f $file ]] && grep -q "<!-- $marker:begin -->" "$file" || return 0
  python3 - "$file" "$marker" "$body" <<'PY'
import sys
path, marker, body = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
start = text.index(f"<!-- {marker}:begin -->") + len(f"<!-- {marker}:begin -->")
end = text.index(f"<!-- {marker}:end -->")
open(path, "w").write(text[:start] + "\n" + body + "\n" + text[end:])
PY
  echo "bench: updated $file" >&2
}
