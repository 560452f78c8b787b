#!/usr/bin/env bash
# The stack in containers, for real: a private Docker engine (tools/containers),
# the images from the one Dockerfile, `docker-compose up`, and the README's
# commands against the port it publishes on 127.0.0.1. Then a restart of app,
# down and up again (volumes kept), three app replicas behind NGINX with one
# killed under load, Prometheus scraping every replica, and `down -v`.
#
# PostgreSQL, KeyDB and Prometheus are stand-ins built from Debian packages
# (tests/containers/stand-ins/): no registry is reachable here. compose.yml
# takes their names from POSTGRES_IMAGE, KEYDB_IMAGE and PROMETHEUS_IMAGE.
#
# Exit 77 (ctest: skipped) when this machine cannot run a Docker engine at all
# (no iptables nat table); any other failure prints the containers' logs.
#   tests/containers/compose.sh [BINARY]
# BINARY (ctest passes the build's fcgi-app) goes into the app image instead of
# a second compilation, and the front-end files npm ci put in node_modules/
# into the web image (the Dockerfile's BINARY_FROM and ASSETS_FROM); without
# them the images build from source and npm, as for a user.
#   CONTAINERS_WEB_PORT (8190), CONTAINERS_PROMETHEUS_PORT (8191)
set -euo pipefail

repo=${REPO_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$repo"
web_port=${CONTAINERS_WEB_PORT:-8190}
prometheus_port=${CONTAINERS_PROMETHEUS_PORT:-8191}
project=fcgi-app-test
host=127.0.0.1:$web_port

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}
wait_for() { # SECONDS COMMAND...: until COMMAND succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@" 2>/dev/null; do ((SECONDS < deadline)) || return 1; sleep 1; done
}
started_at=$SECONDS
phase() { echo "# $1 ($((SECONDS - started_at)) s)"; }

# --- the engine ---------------------------------------------------------------------
engine_was_running=false
[[ $(tools/containers status 2>/dev/null | head -n 1) == running:* ]] && engine_was_running=true
set +e
tools/containers start
status=$?
set -e
if ((status == 77)); then
  echo "SKIP: this machine cannot run a Docker engine (see above); nothing was tested"
  exit 77
fi
((status == 0)) || { echo "not ok - the private Docker engine did not start"; exit 1; }
eval "$(tools/containers env)"
docker() { /usr/bin/docker "$@"; }

# What the README's section runs, with the test's images and ports.
export POSTGRES_IMAGE=fcgi-app-test/postgres:local KEYDB_IMAGE=fcgi-app-test/keydb:local
export PROMETHEUS_IMAGE=fcgi-app-test/prometheus:local
export WEB_PORT=$web_port PROMETHEUS_PORT=$prometheus_port SMTP_URL=smtp://mail-sink:2525
compose() { docker-compose -p "$project" --profile mail-sink "$@"; }

finish() {
  local code=$?
  if ((code != 0 && code != 77)) || ((failed > 0)); then
    echo "# containers and their logs"
    compose --profile monitoring ps -a || true
    compose --profile monitoring logs --no-color --tail=80 || true
  fi
  compose --profile monitoring --profile seed down -v --remove-orphans >/dev/null 2>&1 || true
  $engine_was_running || tools/containers stop || true
  echo "# $passed passed, $failed failed, $((SECONDS - started_at)) s"
  if ((code == 0 && failed > 0)); then exit 1; fi
  exit "$code"
}
trap finish EXIT

phase "base images and stand-ins"
tools/containers stand-ins

# --- build and up ------------------------------------------------------------------------
phase "docker-compose build"
binary=${1:-}
if [[ -n $binary ]]; then
  mkdir -p prebuilt
  strip -o prebuilt/fcgi-app "$binary"
  export BINARY_FROM=prebuilt
fi
assets=(node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/swagger-ui-dist/swagger-ui-bundle.js
  node_modules/swagger-ui-dist/swagger-ui.css)
if ls "${assets[@]}" >/dev/null 2>&1; then
  rm -rf prebuilt/node_modules
  cp --parents "${assets[@]}" prebuilt/
  export ASSETS_FROM=prebuilt
fi
echo "# binary: ${BINARY_FROM:-source}, front-end files: ${ASSETS_FROM:-npm}"
deploy/generate-secrets >/dev/null
compose down -v --remove-orphans >/dev/null 2>&1 || true
compose build
phase "docker-compose up"
compose up -d

# A service is healthy when the engine's health check says so; migrate and seed
# are one-shot and must have exited 0.
health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1"; }
all_healthy() {
  local id
  for id in $(compose ps -q postgres keydb app web); do
    [[ $(health "$id") == healthy ]] || return 1
  done
  [[ $(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$(compose ps -q migrate)") == "exited 0" ]]
}
check "postgres, keydb, app and web healthy, migrate exited 0" wait_for 180 all_healthy
all_healthy || exit 1

# --- the README's commands -----------------------------------------------------------------
phase "the apps through the published port"
check "only 127.0.0.1 publishes the site" bash -c \
  "docker port \$(docker-compose -p $project ps -q web) 8080 | grep -qx '127.0.0.1:$web_port'"
expect() { # DESCRIPTION JQ_FILTER EXPECTED BODY
  local actual
  actual=$(jq -r "$2" <<<"$4" 2>/dev/null) || actual="(not JSON: ${4:0:200})"
  if [[ $actual == "$3" ]]; then ok "$1"; else not_ok "$1: got '$actual', wanted '$3'"; fi
}
body=$(curl -s -X POST "localhost:$web_port/create_user?userid=1&username=John")
expect "create_user (the original's command)" .message "User creation successful!" "$body"
body=$(curl -s "localhost:$web_port/get_user?userid=1")
expect "get_user (the original's command)" .user.username John "$body"
body=$(curl -s "$host/api/change-current-phrase")
phrase=$(jq -r .current_new_phrase <<<"$body")
check "PhGen changes the phrase" test -n "$phrase" -a "$phrase" != null
body=$(curl -s "$host/api/get-current-phrase")
expect "PhGen reads the changed phrase" .current_phrase "$phrase" "$body"
body=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$host/hello/containers" -H 'Content-Type: application/json' \
  -d '{"dateOfBirth":"1990-05-17"}')
check "Hello PUT answers 204" test "$body" = 204
body=$(curl -s "$host/hello/containers")
check "Hello GET greets containers" grep -q 'Hello, containers!' <<<"$body"

compose --profile seed run --rm seed >/dev/null
body=$(curl -s "$host/api/users/profiles?pagination=5")
expect "GitHub users after --profile seed: the API" '.users | length' 5 "$body"
check "GitHub users: the page" bash -c "curl -sf '$host/users' | grep -qi '<html'"

password='containers-Pass-1'
json=(-H 'Content-Type: application/json')
token() { curl -s -X POST "$host/api/v1/token/" "${json[@]}" -d "{\"username\":\"$1\",\"password\":\"$password\"}" | jq -r .access; }
signup() { # NAME: registers and sets ACCESS
  curl -s -X POST "$host/api/v1/user/" "${json[@]}" -d "{\"username\":\"$1\",\"email\":\"$1@example.com\",
    \"password\":\"$password\",\"info_birthday\":\"1990-05-17\",\"info_gender\":\"3\",\"location_city\":\"Kiel\",
    \"notification\":true}" >/dev/null
  ACCESS=$(token "$1")
}
signup sockfan
check "HotSox sign-up and token" test -n "$ACCESS" -a "$ACCESS" != null
sock=$(curl -s -X POST "$host/api/v1/user/sock/" -H "Authorization: Bearer $ACCESS" "${json[@]}" -d '{"info_name":"x",
  "info_color":1,"info_fabric":1,"info_fabric_thickness":1,"info_brand":1,"info_type":1,"info_size":1,"info_age":1,
  "info_condition":1,"info_holes":0,"info_kilometers":0,"info_inoutdoor":1,"info_washed":0,"info_special":"x"}' | jq -r .id)
pixel=$(mktemp --suffix=.png)
base64 -d >"$pixel" <<<"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
picture=$(curl -s -X POST "$host/api/v1/user/sock/$sock/profilepic/" -H "Authorization: Bearer $ACCESS" \
  -F "profile_picture=@$pixel" | jq -r .profile_picture)
served() { curl -sf "$host$picture" | cmp -s - "$pixel"; }
check "a picture uploaded to app is served back by web from /media/" served

mails_with() { compose exec -T mail-sink sh -c "grep -l -F 'Subject: $1' -r /var/mail/sink | wc -l" | tr -d '[:space:]'; }
mail() { # SUBJECT: sockfan mails itself (a new token each time: an access token lives 5 minutes)
  curl -s -o /dev/null -w '%{http_code}' -X POST "$host/api/v1/user/mail/" -H "Authorization: Bearer $(token sockfan)" \
    "${json[@]}" -d "{\"subject\":\"$1\",\"content\":\"from the container test\"}"
}
check "HotSox mail accepted" test "$(mail 'containers one')" = 201
check "the jobs container delivers it to mail-sink" wait_for 30 test "$(mails_with 'containers one')" = 1

# --- restart, down and up again ------------------------------------------------------------
phase "restart app"
compose restart app
check "after restarting app: healthy again" wait_for 60 all_healthy
body=$(curl -s "localhost:$web_port/get_user?userid=1")
expect "after restarting app: John still there" .user.username John "$body"

phase "down and up"
# What must outlive down and up: John (PostgreSQL's volume), the picture (media),
# and a job in KeyDB's stream (its append-only file on keydb-data). With the
# mail server stopped, the jobs worker moves the mail from the outbox into the
# stream and waits to retry it; down takes it there.
compose stop mail-sink
check "a mail while the mail server is stopped is accepted" test "$(mail 'containers kept')" = 201
stream_has() { compose exec -T keydb keydb-cli XRANGE jobs:stream - + | grep -q 'containers kept'; }
check "the job waits in KeyDB's stream" wait_for 30 stream_has
last_id() { compose exec -T keydb keydb-cli XINFO STREAM jobs:stream | awk 'f {print; exit} /last-generated-id/ {f=1}'; }
stream_before=$(last_id)
compose down
compose up -d
check "after down and up: healthy" wait_for 180 all_healthy
body=$(curl -s "localhost:$web_port/get_user?userid=1")
expect "PostgreSQL's volume kept John" .user.username John "$body"
check "the media volume kept the picture" served
check "KeyDB's append-only file kept the stream (last id $stream_before)" test "$(last_id)" = "$stream_before"
check "and the job in it is delivered, once" wait_for 60 test "$(mails_with 'containers kept')" = 1

# --- scale out -------------------------------------------------------------------------
phase "three app replicas"
compose up -d --scale app=3 --scale jobs=2
wait_for 120 all_healthy || true
# NGINX resolved `app` when it started: restarted, it lists all three.
compose restart web
check "three replicas and web healthy" wait_for 120 all_healthy
mapfile -t replicas < <(compose ps -q app)
check "three app containers" test "${#replicas[@]}" = 3
fastcgi() { # CONTAINER METHOD URI: the response of that one replica, headers and body
  docker exec "$1" env REQUEST_METHOD="$2" REQUEST_URI="$3" SCRIPT_NAME="${3%%\?*}" QUERY_STRING="" \
    cgi-fcgi -bind -connect 127.0.0.1:9000
}
served_by() { # CONTAINER: how many reads of the phrase that replica has answered
  fastcgi "$1" GET /api/metrics | awk '/^fcgi_requests_total\{route="GET \/api\/get-current-phrase"/ {n += $NF} END {print n + 0}'
}
declare -A before
for id in "${replicas[@]}"; do before[$id]=$(served_by "$id"); done
for _ in $(seq 60); do curl -s -o /dev/null "$host/api/get-current-phrase"; done
spread=true
spread_counts=""
for id in "${replicas[@]}"; do
  n=$(($(served_by "$id") - before[$id]))
  echo "# replica ${id:0:12} answered $n of 60"
  spread_counts+="${spread_counts:+, }$n"
  ((n > 0)) || spread=false
done
check "NGINX spreads requests over all three replicas" $spread
changed=$(fastcgi "${replicas[0]}" GET /api/change-current-phrase | sed -n 's/.*"current_new_phrase":"\([^"]*\)".*/\1/p')
same_everywhere=true
for id in "${replicas[@]:1}"; do
  fastcgi "$id" GET /api/get-current-phrase | grep -qF "\"current_phrase\":\"$changed\"" || same_everywhere=false
done
check "a phrase changed through one replica is read through the others at once" \
  test -n "$changed" -a "$same_everywhere" = true
check "a mail enqueued through one replica is accepted" test "$(mail 'containers scaled')" = 201
sleep 5
check "two jobs workers send it exactly once" wait_for 30 test "$(mails_with 'containers scaled')" = 1

phase "one replica killed under load"
writes=$(mktemp)
load() { # creates users 1000..1199, eight at a time; prints the acknowledged ids
  seq 1000 1199 | xargs -P 8 -I{} sh -c \
    "curl -s -o /dev/null -w '%{http_code} {}\n' -X POST 'localhost:$web_port/create_user?userid={}&username=u{}'" |
    awk '$1 ~ /^2/ {print $2}'
}
load >"$writes" &
load_pid=$!
sleep 1
# Its process dies as in a crash (a `docker kill` would count as stopping it by
# hand, and the engine would leave it stopped); restart: unless-stopped brings it back.
kill -KILL "$(docker inspect -f '{{.State.Pid}}' "${replicas[1]}")"
wait "$load_pid"
acknowledged=$(wc -l <"$writes")
echo "# $acknowledged of 200 writes acknowledged with a replica killed"
lost=0
while read -r id; do
  curl -s "localhost:$web_port/get_user?userid=$id" | grep -q "\"username\":\"u$id\"" || lost=$((lost + 1))
done <"$writes"
check "no acknowledged write lost ($acknowledged acknowledged)" test "$lost" = 0 -a "$acknowledged" -gt 0
check "most writes acknowledged while a replica died (>= 190 of 200)" test "$acknowledged" -ge 190
answered=0
for _ in $(seq 30); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$host/api/get-current-phrase") == 200 ]] && answered=$((answered + 1))
done
check "the other replicas keep answering (30 of 30)" test "$answered" = 30
rm -f "$writes" "$pixel"

# --- monitoring ------------------------------------------------------------------------
phase "Prometheus"
compose --profile monitoring up -d --scale app=3 --scale jobs=2 metrics-gateway prometheus
check "the killed replica is back (restart: unless-stopped)" wait_for 90 all_healthy
prometheus=http://127.0.0.1:$prometheus_port
targets_up() {
  [[ $(curl -s "$prometheus/api/v1/targets" |
    jq '[.data.activeTargets[] | select(.labels.job == "fcgi-app" and .health == "up")] | length') == 3 ]]
}
check "Prometheus scrapes all three replicas" wait_for 90 targets_up
for _ in $(seq 30); do curl -s -o /dev/null "$host/api/get-current-phrase"; done
sleep 12
dashboard=monitoring/grafana/dashboards/fcgi-app.json
empty=0
while IFS= read -r expr; do
  count=$(curl -s -G "$prometheus/api/v1/query" --data-urlencode "query=$expr" | jq '.data.result | length')
  if [[ $count == 0 || -z $count ]]; then empty=$((empty + 1)); echo "# no series: $expr"; fi
done < <(jq -r '.panels[].targets[].expr' "$dashboard" | grep -v 'route=~')
check "every dashboard query (but the per-app ones) returns series" test "$empty" = 0
check "a per-app query returns series (PhGen)" bash -c "curl -s -G '$prometheus/api/v1/query' \
  --data-urlencode 'query=$(jq -r '.panels[0].targets[0].expr' "$dashboard")' | jq -e '.data.result | length == 1' >/dev/null"

# --- the report: docs/RELIABILITY.md's section on containers ------------------------------
# tests/faults/under_load.sh writes that file whole; this test runs after it
# (ctest's order) and puts its own section back between two markers.
report=${RELIABILITY_REPORT:-$repo/docs/RELIABILITY.md}
if ((failed == 0)) && [[ -f $report ]]; then
  section=$(mktemp)
  cat >"$section" <<REPORT
<!-- containers:begin -->
## In containers: three app replicas, one killed under load

Produced by \`tests/containers/compose.sh\` (\`tools/dev test\`) on $(date -u +%F) at commit
$(git rev-parse --short HEAD 2>/dev/null || echo unknown), with the stack of \`compose.yml\` in a private Docker engine
(PostgreSQL, KeyDB and Prometheus from Debian packages, see the README): \`--scale app=3 --scale jobs=2\`,
NGINX (\`web\`) in front of the three \`app\` containers.

| what | measured |
|---|---|
| requests through NGINX answered by each replica | ${spread_counts:-} (of 60) |
| a phrase changed through one replica, read through the other two at once | $([[ $same_everywhere == true ]] && echo "yes" || echo "no") |
| a mail enqueued through one replica, two jobs workers | delivered $(mails_with 'containers scaled') time(s) |
| writes (\`POST /create_user\`, 8 at a time) while one replica is killed (its process, \`kill -9\`) | $acknowledged of 200 acknowledged, $lost of them lost |
| reads right after, through NGINX | $answered of 30 answered 200 |
| the killed replica | back and healthy (\`restart: unless-stopped\`) |

What holds: every write the stack acknowledged is in PostgreSQL, whichever replica took it; a
replica's death costs the requests it had in hand (NGINX retries a request on another replica
only when it could not be sent: \`fastcgi_next_upstream error timeout\`), and the others keep
answering. The near cache of every replica hears a change made through any other at once
(KeyDB's invalidations), and a job is delivered once however many jobs workers read the stream
(one consumer group). NGINX resolves \`app\` when it starts: after changing the scale, restart
\`web\` so that it lists every replica.
<!-- containers:end -->
REPORT
  python3 - "$report" "$section" <<'PY'
import re, sys
report, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(report).read()
pattern = re.compile(r"<!-- containers:begin -->.*?<!-- containers:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(report, "w").write(text)
PY
  rm -f "$section"
  echo "# report: $report"
fi

phase "down -v"
compose --profile monitoring --profile seed down -v --remove-orphans
left=$(docker ps -aq --filter "label=com.docker.compose.project=$project" | wc -l)
volumes=$(docker volume ls -q --filter "label=com.docker.compose.project=$project" | wc -l)
check "down -v leaves no container and no volume" test "$left" = 0 -a "$volumes" = 0
