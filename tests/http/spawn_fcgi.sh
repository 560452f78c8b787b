#!/usr/bin/env bash
# The VM way: the same binary started by spawn-fcgi (the socket arrives as fd 0)
# under multiwatch (which restarts workers), behind NGINX with the same config.
source "$(dirname "$0")/lib.sh"

dir=$STACK_DIR/spawn-fcgi
port=$(( ${BASE_URL##*:} + 10 ))
socket=$dir/app.sock
rm -rf "$dir" && mkdir -p "$dir"
export METRICS_FILE=$dir/metrics SOCKET_MODE=0666

spawn-fcgi -s "$socket" -M 0666 -P "$dir/spawn.pid" -- /usr/bin/multiwatch -f 2 -- "$FCGI_APP" serve \
  >"$dir/spawn.log" 2>&1
# This NGINX limits writes to 1 a second (beyond a burst of 200) to test the limit.
NGINX_WRITE_RATE=1 "$REPO_DIR/tools/dev" nginx-config "$dir/nginx" "127.0.0.1:$port" "unix:$socket" "$dir/access.log"
nginx -e "$dir/nginx-error.log" -p "$dir/nginx/" -c "$dir/nginx/nginx.conf" \
  -g "pid $dir/nginx.pid; error_log $dir/nginx-error.log;"
# Stop this NGINX and multiwatch (which stops its workers), and wait for them.
cleanup() {
  local pid
  # shellcheck disable=SC2013 # one pid a file
  for pid in $(cat "$dir/nginx.pid" "$dir/spawn.pid" 2>/dev/null); do
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
}
trap cleanup EXIT
BASE_URL=http://127.0.0.1:$port
for _ in $(seq 50); do curl -fs -o /dev/null "$BASE_URL/api/health" && break; sleep 0.1; done

supervisor=$(cat "$dir/spawn.pid")
expect_true "multiwatch runs 2 workers" test "$(pgrep -P "$supervisor" | wc -l)" = 2

request GET /api/get-current-phrase
expect_status 200 "PhGen read through the spawn-fcgi pool"
request GET /api/change-current-phrase
expect_status 200 "PhGen change through the spawn-fcgi pool"
id=$((RANDOM * 32768 + RANDOM + 1000))
output=$(curl -s -X POST "127.0.0.1:$port/create_user?userid=$id&username=John")
BODY=$output
expect_json .message "User creation successful!" "the original's create command"
output=$(curl -s "127.0.0.1:$port/get_user?userid=$id")
BODY=$output
expect_json .user.username John "the original's get command"

# The workers share no parent of ours: METRICS_FILE makes them count together.
seq 100 | xargs -P 8 -I{} curl -s -o /dev/null "$BASE_URL/api/health"
request GET /api/metrics
counted=$(grep -F 'fcgi_requests_total{route="GET /api/health",status="200"}' <<<"$BODY" | awk '{print $NF}')
expect_true "metrics count the requests of both workers ($counted)" test "${counted:-0}" -ge 100

# Writes beyond the rate limit are refused by NGINX with a JSON 429; reads are not limited.
# Each answer of the burst is kept: one second of a loaded machine refills the bucket, so a write
# sent after the burst may well be let through.
mkdir -p "$dir/burst"
seq 300 | xargs -P 16 -I{} curl -s -D "$dir/burst/{}.headers" -o "$dir/burst/{}.body" \
  -w '%{http_code} {}\n' -X POST "$BASE_URL/api/change-current-phrase" >"$dir/burst.codes"
limited=$(grep -c '^429 ' "$dir/burst.codes")
expect_true "a burst of 300 writes meets the rate limit ($limited refused)" test "$limited" -ge 50
refused=$(awk '$1 == 429 { print $2; exit }' "$dir/burst.codes")
STATUS=429 BODY=$(cat "$dir/burst/$refused.body" 2>/dev/null) HEADERS=$(tr -d '\r' <"$dir/burst/$refused.headers" 2>/dev/null)
expect_error_shape too_many_requests "a write over the limit"
seq 300 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$BASE_URL/api/get-current-phrase" >"$dir/reads"
expect_true "reads are not limited" test "$(grep -c '^200$' "$dir/reads")" = 300

# multiwatch replaces a worker that dies.
victim=$(pgrep -P "$supervisor" | head -1)
kill -KILL "$victim"
sleep 1.5
expect_true "multiwatch started a replacement" test "$(pgrep -P "$supervisor" | wc -l)" = 2
request GET /api/get-current-phrase
expect_status 200 "answers after the replacement"

finish
