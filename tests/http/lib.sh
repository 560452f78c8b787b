# shellcheck shell=bash
# Helpers for HTTP tests: curl through NGINX against the running local stack.
# Each test file sources this, makes requests and checks, then calls `finish`,
# which prints "N passed, N failed" and sets the exit status.
set -uo pipefail

repo_dir=${REPO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# The stack to test: STACK_ENV_FILE, else the one in STACK_DIR, else the checkout's.
stack_env=${STACK_ENV_FILE:-}
[[ -n $stack_env ]] || stack_env=${STACK_DIR:+$STACK_DIR/stack.env}
[[ -n $stack_env ]] || stack_env=$repo_dir/.run/stack.env
if [[ ! -f $stack_env ]]; then
  echo "no stack: $stack_env is missing (run tools/dev up)" >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$stack_env"

# ctest's CMakeLists.txt stops a test whose time is up with SIGTERM (timeout):
# as an exit, so that the script's EXIT trap still runs.
trap 'exit 143' TERM
trap 'exit 130' INT

# restore_stack: the EXIT trap of every test that stops, freezes or kills a
# service (trap restore_stack EXIT), so that a test failing or stopped half-way
# never leaves the stack broken for the tests after it: resumes every process
# of the stack (SIGCONT does nothing to a running one) and starts each service
# that is down.
restore_stack() {
  local postmaster pids=() name
  postmaster=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null)
  mapfile -t pids < <(cat "$STACK_DIR"/{redis,app,jobs,nginx}.pid 2>/dev/null
    pgrep -P "$(cat "$STACK_DIR/app.pid" 2>/dev/null || echo 0)"
    [[ -n $postmaster ]] && echo "$postmaster" && pgrep -P "$postmaster")
  ((${#pids[@]})) && kill -CONT "${pids[@]}" 2>/dev/null
  process_alive "$postmaster" || "$REPO_DIR/tools/dev" service start postgres >/dev/null
  for name in redis app jobs smtp nginx; do
    process_alive "$(cat "$STACK_DIR/$name.pid" 2>/dev/null)" || "$REPO_DIR/tools/dev" service start "$name" >/dev/null
  done
  # shellcheck source=/dev/null # written by tools/dev up
  source "$stack_env" # a restarted service has a new pid
}
# process_alive PID: running (a zombie is not).
process_alive() { [[ -n $1 && $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) =~ ^[^Z]$ ]]; }

passed=0
failed=0
STATUS=""
BODY=""
HEADERS=""
# shellcheck disable=SC2034 # for the tests that source this: a tag unique to this run
run_id="$(date +%s)$$"

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# request METHOD PATH [curl options...]: sets STATUS, BODY and HEADERS.
request() {
  local method=$1 path=$2 output
  shift 2
  local headers_file
  headers_file=$(mktemp)
  output=$(curl -sS --max-time 30 -X "$method" -D "$headers_file" -w '\n%{http_code}' "$@" "$BASE_URL$path")
  STATUS=${output##*$'\n'}
  BODY=${output%$'\n'*}
  HEADERS=$(tr -d '\r' <"$headers_file")
  rm -f "$headers_file"
}

# expect_status CODE DESCRIPTION
expect_status() {
  if [[ $STATUS == "$1" ]]; then ok "$2"; else not_ok "$2: expected $1, got $STATUS: ${BODY:0:300}"; fi
}

# expect_json JQ_FILTER EXPECTED DESCRIPTION   (compares jq -r output)
expect_json() {
  local actual
  actual=$(jq -r "$1" <<<"$BODY" 2>/dev/null) || actual="<not JSON: ${BODY:0:200}>"
  if [[ $actual == "$2" ]]; then ok "$3"; else not_ok "$3: $1 is '$actual', expected '$2'"; fi
}

# expect_header NAME REGEX DESCRIPTION
expect_header() {
  local value
  value=$(grep -i "^$1:" <<<"$HEADERS" | head -1 | cut -d' ' -f2-)
  if [[ -n $value && $value =~ $2 ]]; then ok "$3"; else not_ok "$3: header $1 is '$value'"; fi
}

# expect_true DESCRIPTION COMMAND...
expect_true() {
  local description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}

# An error answer in the platform shape: {"error": CODE, "message": "..."} as JSON.
expect_error_shape() {
  expect_header Content-Type '^application/json' "$2 is JSON"
  expect_json '.error' "$1" "$2 has error $1"
  expect_json '.message | type' "string" "$2 has a message"
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds (false after SECONDS).
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.2; done
}

# metric NAME: the sum of the samples of /api/metrics whose line starts with NAME.
metric() { curl -s "$BASE_URL/api/metrics" | awk -v name="$1" 'index($0, name) == 1 {sum += $NF} END {print sum + 0}'; }

# psql_app SQL: one statement as the pool's role, unaligned.
psql_app() { psql "$DATABASE_URL" -XAtq -c "$1"; }

# mails_to ADDRESS [SUBJECT]: how many mails the stack's SMTP sink holds for
# ADDRESS (with SUBJECT). Header lines end in CRLF.
mails_to() {
  [[ -d ${MAIL_DIR:-} ]] || { echo 0; return; }
  if (($# > 1)); then
    grep -l -i -F "To: $1"$'\r' -r "$MAIL_DIR" 2>/dev/null | xargs -r grep -l -F "Subject: $2"$'\r' 2>/dev/null | wc -l
  else
    grep -l -i -F "To: $1"$'\r' -r "$MAIL_DIR" 2>/dev/null | wc -l
  fi
}

finish() {
  echo "$passed passed, $failed failed"
  ((failed == 0))
}
