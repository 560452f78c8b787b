#!/usr/bin/env bash
# A frozen PostgreSQL (issue 18, item 8): every PostgreSQL process is stopped
# with SIGSTOP, so connections stay open and nothing answers, the way a hung
# server or a lost network path looks. Requests that await a pipelined read
# (the greeting, the phrase change) must get 503 within the read deadline
# (DATABASE_READ_TIMEOUT_MS, 2 s) instead of waiting without bound; routes
# that need no PostgreSQL (health, the cached phrase, the greeting of a saved
# name, which every worker keeps a copy of) keep answering at once,
# also while workers reconnect (the connect runs in the loop, not blocking
# it); and after SIGCONT everything answers again. The trap resumes
# PostgreSQL whatever happens.
source "$(dirname "$0")/../http/lib.sh"

json=(-H 'Content-Type: application/json')
work=$(mktemp -d)
name="Frozen$(tr '0-9' 'a-j' <<<"$run_id")"
unsaved="${name}Unsaved" # never saved, so never cached: its greeting asks PostgreSQL
frozen=()
resume() {
  ((${#frozen[@]})) && kill -CONT "${frozen[@]}" 2>/dev/null
  frozen=()
}
cleanup() {
  resume
  psql "$OWNER_DATABASE_URL" -XAtq -c "DELETE FROM hello_birthdays WHERE username = '$name'" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

request PUT "/hello/$name" "${json[@]}" -d '{"dateOfBirth":"1990-05-17"}'
expect_status 204 "a birthday to greet"
for _ in $(seq 20); do curl -s -o /dev/null "$BASE_URL/hello/$name"; done  # every worker has its connection
request GET "/hello/$name"
expect_status 200 "greeted before the freeze"
curl -s -o /dev/null "$BASE_URL/api/get-current-phrase"
workers=$(pgrep -P "$APP_PID" | tr '\n' ' ')

# The phrases' version replaced, as an add or a delete does: every worker's
# copy of the table is outdated, so each change reads the table from
# PostgreSQL, the pipelined read whose deadline is tested here (with a copy
# under 10 s old a change picks without PostgreSQL, phrase_memory.h, and
# answers 200: this test then failed whenever a change had run just before).
redis-cli -s "$STACK_DIR/redis.sock" SET phrases_version "frozen-$run_id" >/dev/null

postmaster=$(head -1 "$PG_DATA/postmaster.pid")
mapfile -t frozen < <(echo "$postmaster"; pgrep -P "$postmaster")
kill -STOP "${frozen[@]}"
frozen_at=$(date +%s%N)

# 16 greetings and 8 changes at once, then 4 s of greetings one after another (they
# reconnect, and each new connection hangs at its start-up too), while health
# and the cached phrase are sampled.
for i in $(seq 16); do
  curl -s -o "$work/greeting.$i" -w '%{http_code} %{time_total}\n' --max-time 15 "$BASE_URL/hello/$unsaved" \
    >"$work/status.greeting.$i" &
done
for i in $(seq 8); do
  curl -s -o "$work/change.$i" -w '%{http_code} %{time_total}\n' --max-time 15 \
    "$BASE_URL/api/change-current-phrase" >"$work/status.change.$i" &
done
(
  end=$((SECONDS + 4))
  while ((SECONDS < end)); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 15 "$BASE_URL/hello/$unsaved"
  done >"$work/later"
) &
for path in /api/health /api/get-current-phrase "/hello/$name"; do
  (
    end=$((SECONDS + 5))
    while ((SECONDS < end)); do
      curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 5 "$BASE_URL$path"
      sleep 0.03
    done >"$work/sample.${path##*/}"
  ) &
done
wait
frozen_for_ms=$((($(date +%s%N) - frozen_at) / 1000000))

slowest() { awk '{print $2 * 1000}' "$@" | sort -n | tail -1; }
statuses() { awk '{print $1}' "$@" | sort | uniq -c | awk '{printf "%s x%s ", $2, $1}'; }
expect_true "the waiting greetings and changes all end in 503 ($(statuses "$work"/status.*))" \
  test "$(awk '$1 != 503' "$work"/status.* | wc -l)" -eq 0
expect_true "within the 2 s deadline (slowest $(slowest "$work"/status.*) ms)" \
  awk -v v="$(slowest "$work"/status.*)" 'BEGIN {exit !(v < 3000)}'
expect_true "in the app's shape" test "$(jq -rs 'map(.error) | unique | join(",")' "$work"/change.*)" = \
  database_unavailable
expect_true "greetings while it stays frozen: 503 within the deadline too ($(statuses "$work/later"), slowest $(slowest "$work/later") ms)" \
  test "$(awk '$1 != 503 || $2 >= 3' "$work/later" | wc -l)" -eq 0
for path in health get-current-phrase "$name"; do
  expect_true "$path answered 200 throughout ($(statuses "$work/sample.$path"), slowest $(slowest "$work/sample.$path") ms)" \
    test "$(awk '$1 != 200 || $2 >= 0.5' "$work/sample.$path" | wc -l)" -eq 0
done

resume
resumed_at=$(date +%s%N)
recovered=no
for _ in $(seq 100); do
  request GET "/hello/$unsaved"
  [[ $STATUS == 404 ]] && { recovered=yes; break; }
  sleep 0.05
done
recovery_ms=$((($(date +%s%N) - resumed_at) / 1000000))
expect_true "greetings answer again ${recovery_ms} ms after PostgreSQL resumes" test $recovered = yes
request GET /api/change-current-phrase
expect_status 200 "changes too"
echo "figure: frozen for ${frozen_for_ms} ms; slowest 503 $(slowest "$work"/status.*) ms; recovery ${recovery_ms} ms after SIGCONT"
expect_true "no worker was replaced" test "$(pgrep -P "$APP_PID" | tr '\n' ' ')" == "$workers"
finish
