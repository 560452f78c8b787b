#!/usr/bin/env bash
# HotSox part 2 (SPEC.md § HotSox): next sock, judge, matches, mail and chat,
# with the emails they send checked at the stack's SMTP sink (MAIL_DIR).
source "$(dirname "$0")/lib_hotsox.sh"

json=(-H 'Content-Type: application/json')
suffix=$(tr '0-9' 'a-j' <<<"$run_id")
# Texts unique to this run: this run's socks are each other's closest, whatever
# other socks the database holds.
marker=$(printf '%s' "$run_id" | sha256sum | cut -c1-40)

# Every account says so in its about (register NAME "$about").
about="\"info_about\":\"about $marker\""

# new_sock USER [FIELDS_JSON]: creates a sock with a picture; echoes its id.
pixel=$(mktemp --suffix=.png)
base64 -d >"$pixel" <<<"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
new_sock() {
  local fields=${2:-}
  request POST /api/v1/user/sock/ -H "$(auth "$1")" "${json[@]}" -d "{\"info_name\":\"sock of $1\",
    \"info_color\":3,\"info_fabric\":2,\"info_fabric_thickness\":2,\"info_brand\":4,\"info_type\":1,\"info_size\":3,
    \"info_age\":2,\"info_condition\":5,\"info_holes\":1,\"info_kilometers\":100,\"info_inoutdoor\":2,
    \"info_washed\":3,\"info_special\":\"special $marker\"${fields:+,$fields}}"
  local id
  id=$(jq -r .id <<<"$BODY")
  request POST "/api/v1/user/sock/$id/profilepic/" -H "$(auth "$1")" -F "profile_picture=@$pixel"
  [[ $STATUS == 201 ]] || echo "picture for sock $id: $STATUS $BODY" >&2
  echo "$id"
}

# expect_mail COUNT ADDRESS SUBJECT DESCRIPTION: waits up to 15 s for COUNT.
expect_mail() {
  local count=0
  for _ in $(seq 150); do
    count=$(mails_to "$2" "$3")
    ((count >= $1)) && break
    sleep 0.1
  done
  ((${1} == 0)) && sleep 1 && count=$(mails_to "$2" "$3")
  if [[ $count == "$1" ]]; then ok "$4"; else not_ok "$4: $count mail(s) to $2 with '$3', expected $1"; fi
}

ann="ann_$suffix"
ben="ben_$suffix"
cat_="cat_$suffix"
for user in "$ann" "$ben"; do register "$user" "$about"; login "$user"; done
register "$cat_" "$about,\"notification\":false"
login "$cat_"

ann_sock=$(new_sock "$ann")
ben_twin=$(new_sock "$ben")  # identical to ann's: the expected next sock
ben_other=$(new_sock "$ben" '"info_color":9,"info_size":7,"info_kilometers":900,"info_special":"nothing alike"')
cat_sock=$(new_sock "$cat_" '"info_color":8,"info_brand":12')

# --- next sock ------------------------------------------------------------------------
request GET "/api/v1/user/swipe/$ann_sock/next" -H "$(auth "$ann")"
expect_status 200 "next sock"
expect_json .id "$ben_twin" "the most similar sock comes first"
expect_json '.profile_picture | length' 1 "with its picture"
request GET "/api/v1/user/swipe/$ben_twin/next" -H "$(auth "$ann")"
expect_status 400 "next for someone else's sock"
expect_json .error "this sock was not found" "next: not my sock"
request GET "/api/v1/user/swipe/999999999/next" -H "$(auth "$ann")"
expect_json .error "this sock was not found" "next: no such sock"
request GET "/api/v1/user/swipe/$ann_sock/next"
expect_status 401 "next needs a token"

# --- judge: every error, in SPEC.md's order ----------------------------------------------
judge "$ann" "$ben_twin" "$ann_sock" true
expect_status 404 "judge with a sock that is not mine"
expect_json .error "your sock was not found" "your sock was not found"
judge "$ann" 999999999 "$ben_twin"
expect_json .error "your sock was not found" "a missing sock comes before a missing like"
judge "$ann" "$ann_sock" 999999999 true
expect_status 404 "judge a sock that does not exist"
expect_json .error "sock to decide on was not found" "sock to decide on was not found"
ann_second=$(new_sock "$ann" '"info_special":"second"')
judge "$ann" "$ann_sock" "$ann_second" true
expect_status 400 "like my own sock"
expect_json .error "You can not like your own sock!" "own sock message"
judge "$ann" "$ann_sock" "$ben_twin"
expect_status 400 "judge without like"
expect_json .error "You need to set the like query parameter to either true or false" "like missing message"
judge "$ann" "$ann_sock" "$ann_second" maybe
expect_status 400 "like=maybe on my own sock: the sock checks come first"

# --- likes and the match ---------------------------------------------------------------
judge "$ann" "$ann_sock" "$ben_twin" true
expect_status 201 "like"
expect_json '[.message, .match] | join("|")' "sock <$ben_twin> was liked|no new match" "no new match yet"
judge "$ann" "$ann_sock" "$ben_other" true
expect_json '[.message, .match] | join("|")' "sock <$ben_other> was liked|no new match" "no new match again"
judge "$ann" "$ann_sock" "$ben_twin" true
expect_status 208 "the same like again"
expect_json '[.message, .match] | join("|")' "sock <$ben_twin> was already liked|no new match" "already liked"
judge "$ben" "$ben_twin" "$ann_sock" true
expect_status 201 "the reverse like"
ann_id=$(psql_app "SELECT id FROM hotsox_users WHERE username = '$ann'")
ben_id=$(psql_app "SELECT id FROM hotsox_users WHERE username = '$ben'")
expect_json '[.match.user.username, .match.other_user.username, .match.sock.info_special, .match.other_sock.info_special] | join(",")' \
  "$ben,$ann,special $marker,special $marker" "the match: user is the caller, other_user the other, with their socks"
expect_json '.match.chatroom_uuid | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")' true \
  "a 36-character uuid"
match_id=$(psql_app "SELECT id FROM hotsox_matches WHERE user_id = $ben_id AND other_user_id = $ann_id")
expect_mail 1 "$ann@example.com" "You have a match with $ben" "ann is told by email"
expect_mail 1 "$ben@example.com" "You have a match with $ann" "ben is told by email"
judge "$ben" "$ben_other" "$ann_sock" true
expect_json .match "no new match" "a second pair of socks: the users already match"

judge "$ann" "$ann_sock" "$cat_sock" true
judge "$cat_" "$cat_sock" "$ann_sock" true
expect_json '.match.chatroom_uuid | length' 36 "ann and cat match"
expect_mail 1 "$ann@example.com" "You have a match with $cat_" "ann is told"
expect_mail 0 "$cat_@example.com" "You have a match with $ann" "cat, notifications off, is not"

# --- dislikes ---------------------------------------------------------------------------
# A repeated ?like= counts by its last value, as Django's QueryDict reads it.
judge "$ben" "$ben_other" "$ann_second" "true&like=false"
expect_status 201 "dislike"
expect_json .message "sock <$ann_second> was disliked" "dislike message (like=true&like=false)"
expect_true "the dislike is stored" test "$(psql_app "SELECT liked FROM hotsox_judgements
  WHERE sock_id = $ben_other AND other_sock_id = $ann_second")" = f
# A dislike is one statement of its own (no lock, no transaction): the same
# checks, in the same order, and nothing stored when one fails.
judgements_before=$(psql_app "SELECT count(*) FROM hotsox_judgements")
judge "$ann" "$ben_twin" "$ann_second" false
expect_json "[.error, $STATUS] | join(\"|\")" "your sock was not found|404" "dislike with a sock that is not mine"
judge "$ann" "$ann_sock" 999999999 false
expect_json "[.error, $STATUS] | join(\"|\")" "sock to decide on was not found|404" "dislike a sock that does not exist"
judge "$ann" "$ann_sock" "$ann_second" false
expect_json "[.error, $STATUS] | join(\"|\")" "You can not like your own sock!|400" "dislike my own sock"
judge "$ann" "$ann_sock" "$ann_sock" false
expect_status 400 "dislike my sock itself"
expect_true "no failed dislike stored anything" \
  test "$(psql_app "SELECT count(*) FROM hotsox_judgements")" = "$judgements_before"
judge "$ann" "$ann_sock" "$ben_twin" false
expect_json .message "sock <$ben_twin> was disliked" "a dislike of a liked sock answers as a dislike"
expect_true "but never replaces the like" test "$(psql_app "SELECT liked FROM hotsox_judgements
  WHERE sock_id = $ann_sock AND other_sock_id = $ben_twin")" = t
seen=""
for _ in $(seq 300); do
  request GET "/api/v1/user/swipe/$ben_other/next" -H "$(auth "$ben")"
  # The walk takes as long as the shared database has socks: a token that
  # expired on the way (5 minutes) is renewed.
  if [[ $STATUS == 401 ]]; then
    login "$ben"
    request GET "/api/v1/user/swipe/$ben_other/next" -H "$(auth "$ben")"
  fi
  [[ $STATUS == 200 ]] || break
  next=$(jq -r .id <<<"$BODY")
  seen+=" $next "
  judge "$ben" "$ben_other" "$next" false
done
expect_status 404 "after judging every candidate"
expect_json .error "no more socks" "no more socks"
expect_true "judged socks never came back" test "$(grep -o " $ann_sock " <<<"$seen" | wc -l)" -le 1
expect_true "a disliked sock is never offered" test "$(grep -c " $ann_second " <<<"$seen")" = 0
# Fresh access tokens (5 minutes) for what follows the walk.
for user in "$ann" "$ben" "$cat_"; do login "$user"; done

# --- matches ----------------------------------------------------------------------------
request GET /api/v1/user/matches/ -H "$(auth "$ann")"
expect_status 200 "my matches"
expect_json "[.[] | .user == $ann_id or .other == $ann_id] | all" true "every row has me on one side"
expect_json "[.[] | select(.id == $match_id) | .user] | join(\",\")" "$ben_id" "rows as stored: ben made this one"
expect_json 'length' 2 "both of ann's matches"
request GET "/api/v1/user/matches/$match_id" -H "$(auth "$ann")"
expect_status 200 "one match"
expect_json '[.user, .other] | join(",")' "$ann_id,$ben_id" "seen from ann's side"
request GET "/api/v1/user/matches/$match_id" -H "$(auth "$cat_")"
expect_status 400 "someone else's match"
expect_json .Message "Match could not be found" "the original's message"

# --- chat -------------------------------------------------------------------------------
request GET "/api/v1/user/chat/%C3%28/" -H "$(auth "$ann")"
expect_status 404 "a chat with a username that is not UTF-8 is nobody's"
expect_json .detail "Not found." "DRF's 404"
request POST "/api/v1/user/chat/$ben/" -H "$(auth "$ann")" "${json[@]}" -d '{"message":"hi ben; DROP TABLE x"}'
expect_status 201 "chat with a match"
expect_json '[.other.username, .message] | join("|")' "$ben|hi ben; DROP TABLE x" "the message, to ben"
request POST "/api/v1/user/chat/$ann/" -H "$(auth "$ben")" "${json[@]}" -d '{"message":"hi ann"}'
request GET "/api/v1/user/chat/$ann/" -H "$(auth "$ben")"
expect_status 200 "read the chat"
expect_json '[.[].message] | join("|")' "hi ann" "only what I sent, as the original"
request GET /api/v1/user/chats/ -H "$(auth "$ann")"
expect_json '[.[].message] | join("|")' "hi ben; DROP TABLE x" "chats I sent"
request GET "/api/v1/user/chat/$ann/" -H "$(auth "$ann")"
expect_status 400 "chat with myself"
register "dan_$suffix" "$about"
request GET "/api/v1/user/chat/dan_$suffix/" -H "$(auth "$ann")"
expect_status 200 "reading a chat with a user I have no match with: nothing sent"
expect_json length 0 "empty"
request POST "/api/v1/user/chat/dan_$suffix/" -H "$(auth "$ann")" "${json[@]}" -d '{"message":"hi"}'
expect_status 404 "writing to a user I have no match with"
request GET "/api/v1/user/chat/nobody_$suffix/" -H "$(auth "$ann")"
expect_status 404 "chat with nobody"
request POST "/api/v1/user/chat/$ben/" -H "$(auth "$ann")" "${json[@]}" -d '{"message":""}'
expect_status 400 "an empty message"

# --- unmatch ----------------------------------------------------------------------------
request DELETE "/api/v1/user/matches/$match_id/delete" -H "$(auth "$cat_")"
expect_status 400 "unmatch someone else's match"
request DELETE "/api/v1/user/matches/$match_id/delete" -H "$(auth "$ann")"
expect_status 200 "unmatch"
expect_json .message "successfully unmatched" "unmatch message"
expect_mail 1 "$ann@example.com" "You have unmached with $ben" "I am told"
expect_mail 1 "$ben@example.com" "$ann has unmached you" "the other is told"
expect_true "the chats are deleted" test "$(psql_app "SELECT count(*) FROM hotsox_chats WHERE match_id = $match_id")" = 0
request GET "/api/v1/user/matches/$match_id" -H "$(auth "$ann")"
expect_json .unmatched true "an unmatched match shows as such"
request POST "/api/v1/user/chat/$ben/" -H "$(auth "$ann")" "${json[@]}" -d '{"message":"still there?"}'
expect_status 404 "no chat after unmatching"
ben_new=$(new_sock "$ben")
request GET "/api/v1/user/swipe/$ann_sock/next" -H "$(auth "$ann")"
expect_true "an unmatched user's socks are not offered" test "$(jq -r .id <<<"$BODY")" != "$ben_new"

# --- mail -------------------------------------------------------------------------------
request GET /api/v1/user/mail/ -H "$(auth "$ann")"
expect_status 200 "my mail"
expect_json length 0 "none yet"
request POST /api/v1/user/mail/ -H "$(auth "$ann")" "${json[@]}" -d "{\"subject\":\"Note $suffix\",\"content\":\"hello me\"}"
expect_status 201 "send a mail"
mail_id=$(jq -r .id <<<"$BODY")
expect_mail 1 "$ann@example.com" "Note $suffix" "and it is emailed to me"
request POST /api/v1/user/mail/ -H "$(auth "$cat_")" "${json[@]}" -d "{\"subject\":\"Quiet $suffix\",\"content\":\"x\"}"
expect_mail 0 "$cat_@example.com" "Quiet $suffix" "not to a user with notifications off"
request POST /api/v1/user/mail/ -H "$(auth "$ann")" "${json[@]}" -d '{"content":"no subject"}'
expect_status 400 "a mail without a subject"
request DELETE "/api/v1/user/mail/$mail_id/" -H "$(auth "$ben")"
expect_status 404 "delete someone else's mail"
request DELETE "/api/v1/user/mail/$mail_id/" -H "$(auth "$ann")"
expect_status 204 "delete my mail"
request GET /api/v1/user/mail/ -H "$(auth "$ann")"
expect_json length 0 "gone"

# --- 50 reverse-like pairs at the same moment: exactly 50 matches ------------------------
hub="hub_$suffix"
register "$hub" "$about"
login "$hub"
pairs=50
jobs_file=$(mktemp)
for i in $(seq "$pairs"); do
  register "p${i}_$suffix" "$about"
  login "p${i}_$suffix"
  mine=$(new_sock "$hub")
  theirs=$(new_sock "p${i}_$suffix")
  echo "$BASE_URL/api/v1/user/swipe/$mine/judge/$theirs?like=true ${token[$hub]}" >>"$jobs_file"
  echo "$BASE_URL/api/v1/user/swipe/$theirs/judge/$mine?like=true ${token[p${i}_$suffix]}" >>"$jobs_file"
done
# Each answer in a file of its own: parallel writers to one pipe interleave.
answers=$(mktemp -d)
# shellcheck disable=SC2016 # the inner shell expands its arguments
shuf "$jobs_file" | awk -v d="$answers" '{print $0, d "/" NR}' |
  xargs -P 100 -L 1 sh -c 'curl -sS -o "$2" -X POST -H "Authorization: Bearer $1" "$0"'
expect_true "every like answered" test "$(cat "$answers"/* | grep -o '"message"' | wc -l)" = $((pairs * 2))
expect_true "exactly one answer per pair made the match" \
  test "$(cat "$answers"/* | grep -o '"chatroom_uuid"' | wc -l)" = "$pairs"
expect_true "exactly $pairs matches stored" test "$(psql_app "SELECT count(*) FROM hotsox_matches m
  JOIN hotsox_users u ON u.id IN (m.user_id, m.other_user_id) WHERE u.username = '$hub'")" = "$pairs"
rm -rf "$answers"
rm -f "$jobs_file" "$pixel"

# --- a bulk change: more socks than one request carries or one packed row holds -------
# Each worker's index has been loaded; 5,000 socks then arrive in one transaction, one
# of them the twin of dan's sock (a worker catches up from a bulk change in rows of its
# own, sock_index.cpp): every worker must offer that twin.
dan="dan_$suffix"
register "$dan" "$about"
login "$dan"
dan_sock=$(new_sock "$dan" '"info_color":10,"info_size":7,"info_brand":11,"info_special":"bulk '"$marker"'"')
for _ in 1 2 3 4; do request GET "/api/v1/user/swipe/$dan_sock/next" -H "$(auth "$dan")"; done
bulk_owner="bulk_$suffix"
psql_app "BEGIN;
  INSERT INTO hotsox_users (username, email, password_hash, info_birthday, info_gender, location_city, notification)
  SELECT '$bulk_owner' || n, '$bulk_owner' || n || '@example.invalid', '!', date '1990-01-01', 1, 'Bulktown', false
  FROM generate_series(1, 50) AS n;
  INSERT INTO hotsox_socks (owner_id, info_joining_date, info_name, info_color, info_fabric, info_fabric_thickness,
    info_brand, info_type, info_size, info_age, info_separation_date, info_condition, info_holes, info_kilometers,
    info_inoutdoor, info_washed, info_special)
  SELECT u.id, date '2026-01-01' - n % 300, 'bulk sock ' || n, 1 + n % 9, 1 + n % 6, 1 + n % 6, 1 + n % 12,
    1 + n % 8, 1 + n % 6, n % 25, date '2025-06-01' - n % 300, 1 + n % 11, n % 10, n % 1000, 1 + n % 8, n % 7, md5(n::text)
  FROM generate_series(1, 5000) AS n JOIN hotsox_users u ON u.username = '$bulk_owner' || (1 + n % 50);
  INSERT INTO hotsox_socks (owner_id, info_joining_date, info_name, info_color, info_fabric, info_fabric_thickness,
    info_brand, info_type, info_size, info_age, info_separation_date, info_condition, info_holes, info_kilometers,
    info_inoutdoor, info_washed, info_special, info_about)
  SELECT (SELECT id FROM hotsox_users WHERE username = '${bulk_owner}1'), info_joining_date, 'twin', info_color,
    info_fabric, info_fabric_thickness, info_brand, info_type, info_size, info_age, info_separation_date,
    info_condition, info_holes, info_kilometers, info_inoutdoor, info_washed, info_special, info_about
  FROM hotsox_socks WHERE id = $dan_sock;
  INSERT INTO hotsox_pictures (owner_id, sock_id, file_name, size_bytes)
  SELECT s.owner_id, s.id, 'bulk-' || s.id || '.png', 68 FROM hotsox_socks s
  JOIN hotsox_users u ON u.id = s.owner_id WHERE u.username LIKE '$bulk_owner%';
  COMMIT;" >/dev/null
twin=$(psql_app "SELECT s.id FROM hotsox_socks s JOIN hotsox_users u ON u.id = s.owner_id
  WHERE u.username = '${bulk_owner}1' AND s.info_name = 'twin'")
offered=""
for _ in 1 2 3 4 5 6; do
  request GET "/api/v1/user/swipe/$dan_sock/next" -H "$(auth "$dan")"
  offered+="$STATUS:$(jq -r .id <<<"$BODY") "
done
expect_true "after a bulk change every worker offers the new twin ($offered)" \
  test "$offered" = "$(printf "200:$twin %.0s" 1 2 3 4 5 6)"
psql_app "DELETE FROM hotsox_users WHERE username LIKE '$bulk_owner%'" >/dev/null
request GET "/api/v1/user/swipe/$dan_sock/next" -H "$(auth "$dan")"
expect_true "and, the bulk deleted, no longer ($STATUS $(jq -r .id <<<"$BODY"))" \
  test "$(jq -r .id <<<"$BODY")" != "$twin"

# --- a judge waiting on PostgreSQL holds up no other request (issue 19) -----------------
# Another transaction holds ann_second's row for 3 s. The judge waits for it on
# a thread of its worker's transaction pool, not on the worker's loop: every
# worker keeps answering other requests at once meanwhile (rounds of parallel
# requests reach both workers through NGINX's kept connections).
waits=$(mktemp -d)
# Parallel requests first, so that NGINX keeps connections to every worker.
burst() {
  (
    for _ in $(seq 12); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE_URL/api/health" & done
    wait
  )
}
for _ in 1 2 3; do burst >/dev/null; done
psql_app "BEGIN; SELECT id FROM hotsox_socks WHERE id = $ann_second FOR UPDATE; SELECT pg_sleep(3); COMMIT" >/dev/null &
locker=$!
lock_held() {
  [[ $(psql_app "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'
    AND query LIKE 'BEGIN; SELECT id FROM hotsox_socks WHERE id = $ann_second FOR UPDATE%'") == 1 ]]
}
wait_for 5 lock_held
judge_started=$(date +%s%N)
curl -sS -o /dev/null -w '%{http_code}' -X POST -H "$(auth "$ben")" \
  "$BASE_URL/api/v1/user/swipe/$ben_other/judge/$ann_second?like=false" >"$waits/judge" &
judging=$!
sleep 0.3
for _ in 1 2 3 4; do burst >>"$waits/times"; done
slowest=$(sort -g "$waits/times" | tail -1)
wait "$judging"
judge_ms=$((($(date +%s%N) - judge_started) / 1000000))
wait "$locker"
expect_true "while a judge waits on a lock, $(wc -l <"$waits/times") other requests answer within 0.5 s (slowest ${slowest} s)" \
  awk -v s="$slowest" 'BEGIN { exit !(s < 0.5) }'
expect_true "the judge waited for the lock (${judge_ms} ms), then answered 201 ($(cat "$waits/judge"))" \
  test "$judge_ms" -ge 2000 -a "$(cat "$waits/judge")" = 201
rm -rf "$waits"

# --- judges and other answers at once ---------------------------------------------------
# Answers are written on the loop's thread and on the transaction pool's threads
# at the same time (each thread keeps its own JSON writer): no worker crashes.
starts=$(metric fcgi_worker_starts_total)
judge_url="$BASE_URL/api/v1/user/swipe/$ben_other/judge/$ann_second?like=false"
next_url="$BASE_URL/api/v1/user/swipe/$ann_sock/next"
statuses=$({
  seq 150 | xargs -P 6 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "$(auth "$ben")" "$judge_url" &
  seq 150 | xargs -P 6 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "$(auth "$ann")" "$next_url"
  wait
} | sort | uniq -c | xargs)
expect_true "150 judges beside 150 next socks: 201s, 200s and 404s only ($statuses)" \
  test -z "$(grep -oE '[0-9]+ [0-9]+' <<<"$statuses" | awk '$2 != 200 && $2 != 201 && $2 != 404')"
expect_true "and no worker crashed (worker starts $starts, then $(metric fcgi_worker_starts_total))" \
  test "$(metric fcgi_worker_starts_total)" = "$starts"

# --- clean up: this run's accounts (and their socks) go --------------------------------
for user in "${!token[@]}"; do request DELETE /api/v1/user/ -H "$(auth "$user")"; done
expect_status 204 "accounts deleted"

finish
