#!/usr/bin/env bash
# Background jobs (fcgi-app jobs): emails reach the SMTP sink once their change
# commits, survive a kill -9 of the worker mid-batch, an SMTP server that is
# down and a KeyDB that loses its data while they wait, and a job that keeps
# failing ends in the dead-letter stream. A finished job leaves no outbox row.
source "$(dirname "$0")/lib.sh"
trap restore_stack EXIT

json=(-H 'Content-Type: application/json')
suffix=$(tr '0-9' 'a-j' <<<"$run_id")
password='correct horse 9'
keydb() { redis-cli -s "$STACK_DIR/redis.sock" "$@"; }
dev() { "$REPO_DIR/tools/dev" "$@" >/dev/null; }
jobs_pid() { cat "$STACK_DIR/jobs.pid"; }

# account NAME [EMAIL] [NOTIFICATION]: registers NAME; sets ACCESS to its token.
account() {
  local email=${2:-$1@example.com}
  request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"$1\",\"email\":\"$email\",\"password\":\"$password\",
    \"info_birthday\":\"1990-05-17\",\"info_gender\":\"3\",\"location_city\":\"Kiel\",\"notification\":${3:-true}}"
  request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$1\",\"password\":\"$password\"}"
  ACCESS=$(jq -r .access <<<"$BODY")
}
# distinct_ids SUBJECT_TEXT: the distinct Message-IDs of the sink's mails whose subject has SUBJECT_TEXT.
distinct_ids() {
  grep -l -F "Subject: $1" -r "$MAIL_DIR" 2>/dev/null | xargs -r grep -h '^Message-ID:' | sort -u | wc -l
}
all_ids() { grep -l -F "Subject: $1" -r "$MAIL_DIR" 2>/dev/null | wc -l; }
ids_at_least() { (($(distinct_ids "$1") >= $2)); }

# KeyDB restarted empty (the local stack keeps no data on disk): the worker
# makes its stream and group again, and what follows still gets through.
# A restart that catches the worker writing a command used to kill it with
# SIGPIPE, silently; every fcgi-app process ignores that signal.
dev service stop redis
dev service start redis
ignored=$(awk '/^SigIgn:/ {print $2}' "/proc/$(jobs_pid)/status")
expect_true "the worker ignores SIGPIPE (SigIgn $ignored)" test $(((0x$ignored >> 12) & 1)) = 1

# --- the deletion email, only with notifications on ----------------------------
account "keen_$suffix"
request DELETE /api/v1/user/ -H "Authorization: Bearer $ACCESS"
expect_status 204 "delete an account"
account "quiet_$suffix" "" false
request DELETE /api/v1/user/ -H "Authorization: Bearer $ACCESS"
keen_mailed() { test "$(mails_to "keen_$suffix@example.com")" = 1; }
expect_true "the deletion email arrives" wait_for 10 keen_mailed
deletion=$(grep -l -i -F "To: keen_$suffix@example.com" -r "$MAIL_DIR" | head -1)
expect_true "with its subject" grep -q -F $'Subject: HotSox Account Deletion\r' "$deletion"
expect_true "and its text" grep -q -F 'Your HotSox account has been deleted. We are very sorry to see you go :(' "$deletion"
expect_true "a Message-ID from the job" grep -q -E '^Message-ID: <job-[0-9]+@localhost>' "$deletion"
keen_job=$(grep -o -E '^Message-ID: <job-[0-9]+@' "$deletion" | tr -dc '0-9')
keen_row_gone() { [[ -n $keen_job ]] && test "$(psql_app "SELECT count(*) FROM job_outbox WHERE id = $keen_job")" = 0; }
expect_true "its outbox row is deleted once the job is done" wait_for 10 keen_row_gone
sleep 1
expect_true "none for a user with notifications off" test "$(mails_to "quiet_$suffix@example.com")" = 0

# A relay that dies after its XADDs and before its commit relays its rows again:
# the stream then holds a second entry of a job. Once the first has run and its
# outbox row is gone, the second is acknowledged without running.
again=$(keydb XADD jobs:stream '*' job_id "$keen_job" kind email \
  payload "{\"from\":\"noreply@hotsox.com\",\"to\":\"again_$suffix@example.com\",\"subject\":\"Again\",\"body\":\"twice\"}")
again_gone() { test -z "$(keydb XRANGE jobs:stream "$again" "$again")"; }
expect_true "a second stream entry of a finished job is acknowledged" wait_for 10 again_gone
expect_true "and not run again" test "$(mails_to "again_$suffix@example.com")" = 0

# --- kill -9 in the middle of a batch ------------------------------------------------
# Mails whose change committed while the worker was down or dying are all sent
# once it is back: count distinct Message-IDs (a job in flight at the kill may
# arrive twice; one a dying relay added twice may not).
batch=200
subject="Batch $suffix"
account "batch_$suffix"
batch_access=$ACCESS
seq "$batch" | xargs -P 8 -I{} curl -s -o /dev/null -X POST "$BASE_URL/api/v1/user/mail/" \
  -H "Authorization: Bearer $batch_access" "${json[@]}" -d "{\"subject\":\"$subject\",\"content\":\"mail {}\"}" &
creating=$!
# Killed while it is sending: some of the batch out, the rest not yet.
wait_for 30 ids_at_least "$subject" 10
kill -9 "$(jobs_pid)"
sent_at_kill=$(distinct_ids "$subject")
wait "$creating"
expect_true "the worker was killed mid-batch ($sent_at_kill of $batch sent)" test "$sent_at_kill" -lt "$batch"
sleep 1
expect_true "nothing more is sent while it is down" test "$(distinct_ids "$subject")" -le $((sent_at_kill + 10))
dev service start jobs
expect_true "after a restart every mail has reached the sink" wait_for 60 ids_at_least "$subject" "$batch"
expect_true "exactly $batch distinct Message-IDs" test "$(distinct_ids "$subject")" = "$batch"
duplicates=$(($(all_ids "$subject") - batch))
expect_true "duplicates ($duplicates) only from the jobs in flight at the kill (at most a read of 10)" \
  test "$duplicates" -le 10

# --- SMTP down: retried, then delivered -------------------------------------------------
retries_before=$(grep -c "failed, attempt 2 of" "$STACK_DIR/logs/jobs.log")
dev service stop smtp
subject="Retry $suffix"
request POST /api/v1/user/mail/ -H "Authorization: Bearer $batch_access" "${json[@]}" \
  -d "{\"subject\":\"$subject\",\"content\":\"while the server is down\"}"
expect_status 201 "a mail while the SMTP server is down"
retried() { (($(grep -c "failed, attempt 2 of" "$STACK_DIR/logs/jobs.log") > retries_before)); }
expect_true "the job fails and is tried again" wait_for 20 retried
expect_true "it stays pending meanwhile" test "$(keydb XPENDING jobs:stream workers | head -1)" -ge 1
dev service start smtp
expect_true "delivered once the server is back" wait_for 30 ids_at_least "$subject" 1

# --- a job that fails 5 times: the dead-letter stream ----------------------------------
dead_before=$(keydb XLEN jobs:dead)
account "doomed_$suffix" "doomed_$suffix@reject.invalid"
request DELETE /api/v1/user/ -H "Authorization: Bearer $ACCESS"
dead_letter() { keydb XREVRANGE jobs:dead + - COUNT 20 | grep -q "doomed_$suffix@reject.invalid"; }
expect_true "after 5 failed attempts the job is a dead letter" wait_for 60 dead_letter
entry=$(keydb --no-raw XREVRANGE jobs:dead + - COUNT 20 | tr '\n' ' ')
expect_true "it records 5 attempts and the server's answer" grep -q -E '"attempts" +[0-9]+\) "5".*550' <<<"$entry"
expect_true "the dead-letter stream grew by one" test "$(keydb XLEN jobs:dead)" = $((dead_before + 1))
# metric_is NAME STREAM: /api/metrics reports the stream's length as the gauge.
metric_is() {
  request GET /api/metrics
  test "$(grep "^$1 " <<<"$BODY" | awk '{print $NF}')" = "$(keydb XLEN "$2")"
}
expect_true "/api/metrics reports the dead letters" wait_for 10 metric_is fcgi_job_dead_letters jobs:dead
expect_true "/api/metrics reports the job queue's depth" wait_for 10 metric_is fcgi_job_queue_depth jobs:stream
expect_true "and the job is no longer pending" test "$(keydb XPENDING jobs:stream workers | head -1)" = 0

# --- a picture's file goes with its sock --------------------------------------------------
pixel=$(mktemp --suffix=.png)
base64 -d >"$pixel" <<<"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
request POST /api/v1/user/sock/ -H "Authorization: Bearer $batch_access" "${json[@]}" -d '{"info_name":"x",
  "info_color":1,"info_fabric":1,"info_fabric_thickness":1,"info_brand":1,"info_type":1,"info_size":1,"info_age":1,
  "info_condition":1,"info_holes":0,"info_kilometers":0,"info_inoutdoor":1,"info_washed":0,"info_special":"x"}'
sock=$(jq -r .id <<<"$BODY")
request POST "/api/v1/user/sock/$sock/profilepic/" -H "Authorization: Bearer $batch_access" -F "profile_picture=@$pixel"
file="$MEDIA_DIR/$(jq -r '.profile_picture | sub("^/media/"; "")' <<<"$BODY")"
rm -f "$pixel"
expect_true "the picture is stored" test -f "$file"
dev service stop jobs
request DELETE "/api/v1/user/sock/$sock/" -H "Authorization: Bearer $batch_access"
expect_status 204 "delete the sock while the worker is down"
expect_true "the file waits for the worker" test -f "$file"
dev service start jobs
file_gone() { test ! -e "$file"; }
expect_true "and goes when it is back" wait_for 15 file_gone

# --- KeyDB loses its data while jobs wait in it ---------------------------------------
# Jobs already relayed into the stream, pending because the SMTP server is
# down, when KeyDB restarts empty: their outbox rows are relayed again, and
# every mail arrives once the server is back.
lost=20
subject="Lost $suffix"
dev service stop smtp
seq "$lost" | xargs -P 4 -I{} curl -s -o /dev/null -X POST "$BASE_URL/api/v1/user/mail/" \
  -H "Authorization: Bearer $batch_access" "${json[@]}" -d "{\"subject\":\"$subject\",\"content\":\"mail {}\"}"
relayed() { test "$(psql_app "SELECT count(*) FROM job_outbox WHERE payload->>'subject' = '$subject'
  AND relayed_at IS NOT NULL")" = "$lost"; }
expect_true "all $lost jobs are relayed into the stream and their rows kept" wait_for 20 relayed
expect_true "and they wait there, pending" test "$(keydb XPENDING jobs:stream workers | head -1)" -ge 1
dev service stop redis
dev service start redis
expect_true "KeyDB came back empty" test "$(keydb XLEN jobs:dead)" = 0
dev service start smtp
expect_true "every mail arrives after all" wait_for 60 ids_at_least "$subject" "$lost"
sleep 1
expect_true "each exactly once ($(all_ids "$subject") mails, $(distinct_ids "$subject") Message-IDs)" \
  test "$(all_ids "$subject")" = "$lost" -a "$(distinct_ids "$subject")" = "$lost"
outbox_empty() { test "$(psql_app "SELECT count(*) FROM job_outbox")" = 0; }
expect_true "and the outbox is empty" wait_for 20 outbox_empty

request DELETE /api/v1/user/ -H "Authorization: Bearer $batch_access"
finish
