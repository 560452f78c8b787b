#!/usr/bin/env bash
# HotSox's FastAPI surface (SPEC-hotsox.md § 2): every case of the original's
# FastAPI suite (§ 4), then FastAPI's conventions (422 list, 307 slash
# redirects, 404/405 shapes, pagination, rate limits) and the two surfaces
# sharing one data set while refusing each other's tokens.
source "$(dirname "$0")/lib.sh"

suffix=$(tr '0-9' 'a-j' <<<"$run_id")
password='correct horse 9'
marker=$(printf 'fastapi %s' "$run_id" | sha256sum | cut -c1-40)
json=(-H 'Content-Type: application/json')
# The rate limits count per client address and route. Each run speaks from a
# loopback address of its own (all of 127/8 is loopback on Linux), so a rerun
# within the same minute starts from fresh counters.
random_loopback() { echo "127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))"; }
client=$(random_loopback)

# api METHOD PATH [curl options]: a request below /fastapi/v1 from this run's address.
api() {
  local method=$1 path=$2
  shift 2
  request "$method" "/fastapi/v1$path" --interface "$client" "$@"
}
declare -A token
# login NAME [PASSWORD]: the OAuth2 password form; sets token[NAME]. Each
# login speaks from a fresh address (the token route allows 5 a minute),
# unless login_client names one.
login_client=""
login() {
  local own=$client
  client=${login_client:-$(random_loopback)}
  api POST /token --data-urlencode "username=$1" --data-urlencode "password=${2:-$password}"
  client=$own
  # A failed login keeps an earlier token; without one the client sends "Bearer None", as the original's tests did.
  if [[ $STATUS == 200 ]]; then token[$1]=$(jq -r .access_token <<<"$BODY"); else token[$1]=${token[$1]:-None}; fi
}
auth() { echo "Authorization: Bearer ${token[$1]}"; }
# expect_detail STATUS TEXT DESCRIPTION: FastAPI's {"detail": "..."}.
expect_detail() {
  expect_status "$1" "$3"
  expect_json .detail "$2" "$3: detail"
}
# expect_same JSON DESCRIPTION: BODY equals JSON (key order aside).
expect_same() {
  if jq -e --argjson want "$1" '. == $want' <<<"$BODY" >/dev/null 2>&1; then ok "$2"; else
    not_ok "$2: got ${BODY:0:400}"
  fi
}

pixel=$(mktemp --suffix=.png)
text_file=$(mktemp --suffix=.jpg)
trap 'rm -f "$pixel" "$text_file"' EXIT
base64 -d >"$pixel" <<<"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
printf 'not an image' >"$text_file"

# --- fixtures: an administrator (superuser) and testuser2 ------------------------
admin="fa_admin_$suffix"
user2="fa_user2_$suffix"
make_admin() {
  printf '%s\n' "$password" >"$STACK_DIR/fastapi_admin_password"
  # shellcheck source=/dev/null # written by tools/dev up
  (source "$STACK_DIR/app.env" && "$FCGI_APP" user create --admin --username "$1" --email "$1@example.com" \
    --password-file "$STACK_DIR/fastapi_admin_password") >/dev/null 2>&1
  local rc=$?
  rm -f "$STACK_DIR/fastapi_admin_password"
  return $rc
}
expect_true "fcgi-app user create --admin makes the superuser" make_admin "$admin"
signup_json() { # NAME [EXTRA]
  echo "{\"username\":\"$1\",\"email\":\"$1@example.com\",\"password\":\"$password\",
    \"info_birthday\":\"1990-05-17\",\"location_city\":\"Hamburg\"${2:+,$2}}"
}
api POST /user/ "${json[@]}" -d "$(signup_json "$user2" '"notification":false')"
expect_status 201 "sign-up of testuser2"

# --- test_users.py -------------------------------------------------------------------
api GET /users
expect_status 307 "GET /users redirects to the route's slashed path"
expect_header Location "^http://[^/]+/fastapi/v1/users/$" "the Location is absolute"
api GET /users -L
expect_detail 401 "Not authenticated" "test_show_users_login_incorrect_cedentials"
expect_header WWW-Authenticate '^Bearer$' "401 says Bearer"
login "$admin"
expect_status 200 "admin logs in"
expect_json .token_type bearer "token_type bearer"
login "$user2"
api GET /users/ -H "$(auth "$user2")"
expect_detail 403 "Access Denied: You do not have sufficient permissions to access this endpoint" \
  "test_show_users_login_incorrect_permission"
api GET '/users/?size=100' -H "$(auth "$admin")"
expect_status 200 "test_show_users_login_correct_cedentials"
expect_json "[.items[].username] | (index(\"$user2\") < index(\"$admin\"))" true "testuser2 before admin (id desc)"
expect_json '[.total >= 2, .page, .size] | map(tostring) | join(",")' "true,1,100" "a page of ShowUser"
expect_json ".items[] | select(.username == \"$admin\") | [.is_superuser, .is_staff] | map(tostring) | join(\",\")" \
  "true,true" "admin is superuser and staff"
api GET /user -L -H "$(auth "$admin")"
expect_status 200 "test_show_user_admin"
expect_json .username "$admin" "ShowUser of the caller"
expect_json '[has("id_user"), has("password"), (.socks | type), (.user_matches | type), (.chat | type)] | map(tostring) | join(",")' \
  "true,false,array,array,array" "ShowUser's keys, never a password"
login "nobody_$suffix"
expect_detail 404 "Invalid Credentials" "login of an unknown user"
login "$user2" "wrong password"
expect_detail 404 "Invalid Credentials" "login with a wrong password"
api GET /user/ -H "Authorization: Bearer None"
expect_detail 401 "Could not validate credentials" "test_show_user_that_do_not_exist"

edit="{\"username\":\"$admin\",\"first_name\":\"Ada\",\"last_name\":\"Admin\",\"email\":\"$admin@example.com\",
  \"info_about\":\"about $marker\",\"info_birthday\":\"1980-02-29\",\"info_gender\":2,\"location_city\":\"Berlin\",
  \"location_latitude\":0,\"location_longitude\":0,\"notification\":true,\"social_instagram\":\"\",
  \"social_facebook\":\"\",\"social_twitter\":\"https://twitter.com/ada\",\"social_spotify\":\"\"}"
api PUT /user/ -H "$(auth "$admin")" "${json[@]}" -d "$edit"
expect_status 202 "test_update_user_admin"
expect_same "$edit" "the answer equals the 15 keys sent"
# A blank username is a FastAPI username like any other (pydantic's str): its
# account must not make an edit that sends no username look like a clash.
api POST /user/ "${json[@]}" -d "{\"username\":\"\",\"email\":\"blank_$suffix@example.com\",
  \"password\":\"$password\",\"info_birthday\":\"1990-05-17\",\"location_city\":\"Hamburg\"}"
expect_true "an account with a blank username exists ($STATUS)" \
  test "$(psql_app "SELECT count(*) > 0 FROM hotsox_users WHERE username = ''")" = t
api GET /user/ -H "$(auth "$admin" | sed 's/Bearer/bearer/')"
expect_status 200 "the scheme is case-insensitive, as OAuth2PasswordBearer reads it"
api PUT /user -L -H "$(auth "$admin")" "${json[@]}" -d '{"first_name":"Ada2"}'
expect_status 202 "PUT /user is redirected with its body (307)"
expect_json '[.first_name, .last_name] | join(" ")' "Ada2 Admin" "only the keys sent change"
api PUT /user/DoNotExist -H "$(auth "$admin")" "${json[@]}" -d "$edit"
expect_detail 404 "Not Found" "test_update_user_that_do_not_exist"
api PUT /user/ -H "$(auth "$admin")" "${json[@]}" -d "{\"username\":\"$user2\"}"
expect_detail 400 "User already exists! <$user2>" "PUT to a taken username: 400, not the original's 500"

api POST /user/ "${json[@]}" -d "{\"username\":\"np_$suffix\",\"email\":\"np_$suffix@example.com\",
  \"info_birthday\":\"1990-01-01\",\"location_city\":\"Kiel\"}"
expect_status 422 "test_create_user_wrong_data"
expect_json '.detail[0] | [.loc[0], .loc[1], .msg, .type] | join(",")' "body,password,field required,value_error.missing" \
  "pydantic's missing-field entry"
bibo="bibo_$suffix"
signup="{\"username\":\"$bibo\",\"first_name\":\"Bi\",\"last_name\":\"Bo\",\"email\":\"$bibo@bibo.com\",
  \"info_about\":\"\",\"info_birthday\":\"1995-06-01\",\"info_gender\":3,\"location_city\":\"Frankfurt\",
  \"location_latitude\":50,\"location_longitude\":8,\"notification\":false,\"social_instagram\":\"\",
  \"social_facebook\":\"\",\"social_twitter\":\"\",\"social_spotify\":\"\"}"
api POST /user/ "${json[@]}" -d "$(jq -c --arg p "$password" '. + {password: $p}' <<<"$signup")"
expect_status 201 "test_create_user_new"
expect_same "$signup" "the answer is the data sent, without the password (ours)"
api POST /user/ "${json[@]}" -d "$(jq -c --arg p "$password" '. + {password: $p}' <<<"$signup")"
expect_detail 400 "User already exists! <$bibo>" "test_create_user_dupliceate: username"
api POST /user/ "${json[@]}" -d "$(jq -c --arg p "$password" '. + {password: $p, username: "other_\(.username)"}' <<<"$signup")"
expect_detail 400 "eMail address already exists! <$bibo@bibo.com>" "test_create_user_dupliceate: email"
api POST /user/ "${json[@]}" -d "{\"username\":\"kid_$suffix\",\"email\":\"nope\",\"password\":\"short\",
  \"info_birthday\":\"$(date -u -d '-17 years' +%F)\",\"info_gender\":9,\"location_city\":null,\"notification\":\"maybe\"}"
expect_status 422 "several problems at once"
expect_json '[.detail[] | "\(.loc[1]):\(.type)"] | join(" ")' \
  "password:value_error.any_str.min_length email:value_error.email info_birthday:value_error info_gender:value_error.number.not_le location_city:value_error.missing notification:type_error.bool" \
  "each problem in pydantic's words"
expect_json '.detail[] | select(.loc[1] == "info_birthday") | .msg' "You must be at least 18 years old!" "the 18+ rule"
expect_json '.detail[] | select(.loc[1] == "info_gender") | .ctx.limit_value' 8 "limits carry ctx"
api POST /user/ "${json[@]}" -d '{"username": '
expect_status 422 "malformed JSON"
expect_json '[.detail[0].loc[0], .detail[0].type, (.detail | length)] | map(tostring) | join(",")' \
  "body,value_error.jsondecode,1" "a jsondecode problem, alone"
expect_same '{"detail":[{"loc":["body",13],"msg":"Expecting value: line 1 column 14 (char 13)",
  "type":"value_error.jsondecode","ctx":{"msg":"Expecting value","doc":"{\"username\": ","pos":13,"lineno":1,"colno":14}}]}' \
  "pydantic's error for Python's JSONDecodeError: str(e), loc at e.pos, ctx e.__dict__"
api POST /user/ "${json[@]}" --data-binary $'{"username": "J\xc3\xbcrgen",\n "email": "x"\n "password": "y"}'
expect_status 422 "a missing comma"
expect_json '[.detail[0].loc[1], .detail[0].msg] | map(tostring) | join(",")' \
  "38,Expecting ',' delimiter: line 3 column 2 (char 38)" "positions in characters (not bytes), across lines"
api POST /user/ "${json[@]}" --data-binary $'{"username": "\xff"}'
expect_detail 400 "There was an error parsing the body" "a body that is not UTF-8 (a UnicodeDecodeError)"
api GET "/user/chat/%FF" -H "$(auth "$admin")"
expect_status 422 "a receiver that is not UTF-8"
expect_json '.detail[0] | [.loc[1], .type] | join(",")' "receiver,type_error.str" "a str problem"

doomed="fa_doomed_$suffix"
make_admin "$doomed"
login "$doomed"
api DELETE /user/ -H "$(auth "$user2")"
expect_detail 403 "Access Denied: You do not have sufficient permissions to access this endpoint" \
  "DELETE /user needs a superuser, as the original"
api DELETE /user/ -H "$(auth "$doomed")"
expect_status 204 "test_delete_user"
expect_true "204 has an empty body" test -z "$BODY"
api GET /user/ -H "$(auth "$doomed")"
expect_detail 404 "User with the username $doomed is not available" "a deleted user's token reaches the handler"
api DELETE /user/ -H "$(auth "$doomed")"
expect_detail 404 "User with the username <$doomed> is not available!" "deleting again: the route's own text"
api DELETE /user/ -H "Authorization: Bearer x.y.z"
expect_detail 401 "Could not validate credentials" "test_delete_noneexisting_user"

# --- test_socks.py -------------------------------------------------------------------
sock_json() { # COLOR_ETC SEPARATION_DATE
  local v=$1
  echo "{\"info_name\":\"sock $marker\",\"info_about\":\"about $marker\",\"info_color\":$v,\"info_fabric\":$v,
    \"info_fabric_thickness\":$v,\"info_brand\":$v,\"info_type\":$v,\"info_size\":$v,\"info_age\":$v,
    \"info_separation_date\":\"$2\",\"info_condition\":$v,\"info_holes\":$v,\"info_kilometers\":$v,\"info_inoutdoor\":$v,
    \"info_washed\":$v,\"info_special\":\"special $marker\"}"
}
tomorrow=$(date -u -d '+1 day' +%F)
year_ago=$(date -u -d '-1 year' +%F)
api GET /user/socks -L -H "$(auth "$admin")"
expect_detail 404 "No sock available" "test_show_all_socks_of_a_user_no_socks"
api POST /user/sock -L -H "$(auth "$admin")" "${json[@]}" -d "$(sock_json 1 "$tomorrow")"
expect_status 201 "test_create_and_delete_sock_of_a_user: create (after the 307)"
expect_same "$(jq -c --argjson got "$BODY" '. + {id_sock: $got.id_sock, info_joining_date: $got.info_joining_date,
  profile_pictures: [], sock_likes: []}' <<<"$(sock_json 1 "$tomorrow")")" "ShowSock echoes the sock, choices as integers"
sock1=$(jq -r .id_sock <<<"$BODY")
expect_json .info_joining_date "$(date -u +%F)" "joined today"
api POST /user/sock/ -H "$(auth "$admin")" "${json[@]}" -d "$(sock_json 2 "$year_ago")"
extra_sock=$(jq -r .id_sock <<<"$BODY")
api GET /user/socks/ -H "$(auth "$admin")"
expect_status 200 "test_show_all_socks_of_a_user_with_socks"
expect_json '[.total, (.items | length), .items[0].id_sock] | map(tostring) | join(",")' "2,2,$sock1" "2 items, ascending id"
api GET '/user/socks/?size=1&page=2' -H "$(auth "$admin")"
expect_json '[.total, .page, .size, .pages, (.items | length), .items[0].id_sock] | map(tostring) | join(",")' \
  "2,2,1,2,1,$extra_sock" "pagination: page 2 of size 1"
api GET '/user/socks/?page=9' -H "$(auth "$admin")"
expect_json '.items | length' 0 "a page past the end is empty"
api GET '/user/socks/?page=0&size=101' -H "$(auth "$admin")"
expect_status 422 "page 0 and size 101"
expect_json '[.detail[] | "\(.loc[1]):\(.type):\(.ctx.limit_value)"] | join(" ")' \
  "page:value_error.number.not_ge:1 size:value_error.number.not_le:100" "the pagination limits"
api GET /user/socks/ -H "$(auth "$user2")"
expect_detail 404 "No sock available" "testuser2 has no socks"
api GET "/user/sock/$sock1" -H "$(auth "$user2")"
expect_detail 404 "Sock with the id $sock1 is not available" "test_show_sock_of_a_user_no_sock"
api GET "/user/sock/$sock1" -H "$(auth "$admin")"
expect_status 200 "test_show_sock_of_a_user_with_sock"
expect_json '[(.info_color | type), (.profile_pictures | length), (.sock_likes | length)] | map(tostring) | join(",")' \
  "number,0,0" "choices as integers, no pictures or likes"
api GET /user/sock/abc -H "$(auth "$admin")"
expect_status 422 "a path id that is not an integer"
expect_json '.detail[0] | [.loc[0], .loc[1], .msg, .type] | join(",")' "path,id,value is not a valid integer,type_error.integer" \
  "pydantic's integer problem"
api PUT "/user/sock/$extra_sock" -H "$(auth "$admin")" "${json[@]}" -d "$(sock_json 4 "$tomorrow")"
expect_status 202 "test_update_sock_of_a_user_with_sock"
expect_json '[.info_color, .info_washed, .info_separation_date, .id_sock] | map(tostring) | join(",")' \
  "4,4,$tomorrow,$extra_sock" "PUT echoes the new values"
api PUT "/user/sock/$extra_sock" -H "$(auth "$admin")" "${json[@]}" \
  -d '{"info_name":"x","info_special":"y","info_age":-1,"info_holes":40000,"info_kilometers":"ten","info_color":11}'
expect_status 422 "out-of-range sock values: 422, not the original's 500"
expect_json '[.detail[] | "\(.loc[1]):\(.type)"] | join(" ")' \
  "info_color:value_error.number.not_le info_age:value_error.number.not_ge info_holes:value_error.number.not_le info_kilometers:type_error.integer info_washed:value_error.missing" \
  "each sock problem"
api PUT "/user/sock/$extra_sock" -H "$(auth "$user2")" "${json[@]}" -d "$(sock_json 4 "$tomorrow")"
expect_detail 404 "Sock with id <$extra_sock> for the user $user2 is not available" "PUT on another's sock"
api DELETE "/user/sock/$extra_sock" -H "$(auth "$user2")"
expect_detail 404 "Sock with id <$extra_sock> for the user $user2 is not available" "DELETE of another's sock"
api DELETE "/user/sock/$extra_sock" -H "$(auth "$admin")"
expect_status 204 "test_create_and_delete_sock_of_a_user: delete"
api GET "/user/sock/$extra_sock" -H "$(auth "$admin")"
expect_status 404 "the deleted sock is gone"

# --- test_sock_picture.py ------------------------------------------------------------
api POST "/user/sock/$sock1/profilepic" -H "$(auth "$admin")" -F "file=@$pixel"
expect_status 201 "test_user_upload_profilepic (a sock's)"
expect_json '[(.profile_picture | test("^/media/[A-Za-z0-9_-]+\\.png$")), .sock_id] | map(tostring) | join(",")' \
  "true,$sock1" "{id, profile_picture, sock_id}"
sock_pic=$(jq -r .id <<<"$BODY")
sock_pic_url=$(jq -r .profile_picture <<<"$BODY")
request GET "$sock_pic_url" -o /dev/null
expect_status 200 "NGINX serves the uploaded picture"
api POST "/user/sock/$sock1/profilepic" -H "$(auth "$admin")" -F "file=@$text_file"
expect_detail 400 "Upload a valid image. The file you uploaded was either not an image or a corrupted image." \
  "a text file is not a picture (ours)"
# NGINX's own refusal (a body over its 8 MiB bound) in FastAPI's shape.
api POST /user/ "${json[@]}" --data-binary @<(head -c 9000000 /dev/zero)
expect_detail 413 "The request body is too large" "NGINX's 413 in FastAPI's shape"
truncated=$(mktemp --suffix=.png)
head -c 30 "$pixel" >"$truncated"
api POST "/user/profilepic" -H "$(auth "$admin")" -F "file=@$truncated;type=image/png"
expect_detail 400 "Upload a valid image. The file you uploaded was either not an image or a corrupted image." \
  "a PNG cut after its header is not a picture: decoded whole, as DRF's uploads are"
rm -f "$truncated"
api POST "/user/sock/$sock1/profilepic" -H "$(auth "$admin")" -F "picture=@$pixel"
expect_status 422 "no file field"
expect_json '.detail[0].loc | join(",")' "body,file" "the missing file"
api POST "/user/sock/$sock1/profilepic" -H "$(auth "$user2")" -F "file=@$pixel"
expect_detail 404 "Sock with id <$sock1> for the user $user2 is not available" "a picture for another's sock"
api POST "/user/sock/$sock1/profilepic" -H "$(auth "$admin")" -F "file=@$pixel"
second_pic=$(jq -r .id <<<"$BODY")
api DELETE "/user/sock/$sock1/profilepic/$second_pic" -H "$(auth "$user2")"
expect_detail 404 "This picture with id <$second_pic> is not available for sock id <$sock1>" \
  "only on my own sock (ours)"
api DELETE "/user/sock/$sock1/profilepic/$second_pic" -H "$(auth "$admin")"
expect_status 204 "test_user_delete_profilepic (a sock's)"
api GET "/user/sock/$sock1" -H "$(auth "$admin")"
expect_json '[.profile_pictures[].id] | map(tostring) | join(",")' "$sock_pic" "one fewer"

# --- test_users_picture.py -----------------------------------------------------------
api POST /user/profilepic/ -L -H "$(auth "$user2")" -F "file=@$pixel"
expect_status 201 "test_user_upload_profilepic (after the 307)"
expect_json '.profile_picture | startswith("/media/")' true "the upload's URL"
user_pic=$(jq -r .id <<<"$BODY")
api GET /user/ -H "$(auth "$user2")"
expect_json '[.profile_pictures[].id] | map(tostring) | join(",")' "$user_pic" "the user has 1 picture"
api DELETE "/user/profilepic/$user_pic" -H "$(auth "$admin")"
expect_detail 404 "User with username <$admin> doesn't have access to this picture" "another's picture"
api DELETE "/user/profilepic/$user_pic" -H "$(auth "$user2")"
expect_status 204 "test_user_delete_profilepic"
api DELETE "/user/profilepic/$user_pic" -H "$(auth "$user2")"
expect_detail 404 "This picture with id <$user_pic> is not available for user <$user2>" "deleted already"

# --- test_sock_swipe.py --------------------------------------------------------------
new_sock() { # USER VALUE SEPARATION: a sock with a picture; echoes its id.
  api POST /user/sock/ -H "$(auth "$1")" "${json[@]}" -d "$(sock_json "$2" "$3")"
  local id
  id=$(jq -r .id_sock <<<"$BODY")
  api POST "/user/sock/$id/profilepic" -H "$(auth "$1")" -F "file=@$pixel"
  echo "$id"
}
sock2=$(new_sock "$user2" 1 "$tomorrow")
sock3=$(new_sock "$user2" 5 "$year_ago")
api GET "/user/swipe/$sock1/next" -H "$(auth "$admin")"
expect_status 200 "test_swipe_next_sock"
expect_json .id_sock "$sock2" "the closest sock is testuser2's twin"
api GET "/user/swipe/$sock2/next" -H "$(auth "$admin")"
expect_detail 404 "Sock with the id <$sock2> is not available!" "next for a sock not mine"
judge() { # USER MY_SOCK OTHER_SOCK [JUDGEMENT]
  api POST "/user/swipe/$2/judge/$3${4:+?judgement=$4}" -H "$(auth "$1")"
}
judge "$admin" "$sock1" "$sock2"
expect_status 422 "judge without judgement"
expect_json '.detail[0] | [.loc[0], .loc[1], .msg] | join(",")' "query,judgement,field required" "the missing query field"
judge "$admin" "$sock1" "$sock2" maybe
expect_json '.detail[0] | [.msg, .type] | join(",")' "value could not be parsed to a boolean,type_error.bool" \
  "judgement is a pydantic bool"
judge "$admin" "$sock2" "$sock1" true
expect_detail 404 "Sock with the id <$sock2> is not one of your socks!" "judging with another's sock"
judge "$admin" "$sock1" 999999999 true
expect_detail 404 "Sock with the id <999999999> is not available!" "judging a missing sock"
own_other=$(new_sock "$admin" 3 "$year_ago")
judge "$admin" "$sock1" "$own_other" true
expect_detail 404 "You can not judge your own sock!" "judging my own sock"
judge "$admin" "$sock1" "$sock2" YES
expect_status 200 "test_swipe_judge_sock: like (YES is true)"
expect_same '{"Message":"No new match found"}' "no match yet"
judge "$admin" "$sock1" "$sock3" 1
expect_same '{"Message":"No new match found"}' "a second like, no match"
judge "$admin" "$sock1" "$sock2" true
expect_detail 404 "Sock with the id <$sock2> was already judged!" "judged already"
user2_id=$(psql "$DATABASE_URL" -XAtq -c "SELECT id FROM hotsox_users WHERE username = '$user2'")
admin_id=$(psql "$DATABASE_URL" -XAtq -c "SELECT id FROM hotsox_users WHERE username = '$admin'")
judge "$user2" "$sock2" "$sock1" true
expect_json .Message "New match found" "the reverse like matches"
expect_json '.Match | [.user_id, .other_id, .unmatched, (.chatroom_uuid | length)] | map(tostring) | join(",")' \
  "$user2_id,$admin_id,false,36" "Match {user_id: the judge, other_id, unmatched, chatroom_uuid}"
match_id=$(jq -r .Match.id <<<"$BODY")
api GET "/user/sock/$sock1" -H "$(auth "$admin")"
expect_json "[.sock_likes[] | select(.like.info_name == \"sock $marker\")] | length" 2 "sock_likes lists sock 1's likes"
api GET "/user/swipe/$sock1/next" -H "$(auth "$admin")"
expect_true "judged socks are not offered again" test "$(jq -r .id_sock <<<"$BODY")" != "$sock2"

# --- test_match.py -------------------------------------------------------------------
api GET /user/matches -L -H "$(auth "$admin")"
expect_status 200 "test_all_matches"
expect_json '.items[0] | [.id, .matched_with.username, .unmatched, (.chatroom_uuid | length)] | map(tostring) | join(",")' \
  "$match_id,$user2,false,36" "UserMatch {id, matched_with, unmatched, chatroom_uuid}"
api GET /user/matches/ -H "$(auth "$user2")"
expect_json '.items[0].matched_with.username' "$admin" "matched_with is always the other party (ours)"
api GET "/user/match/$match_id" -H "$(auth "$admin")"
expect_json .matched_with.username "$user2" "test_specific_match: admin sees testuser2"
api GET "/user/match/$match_id" -H "$(auth "$user2")"
expect_json .matched_with.username "$admin" "test_specific_match: testuser2 sees admin"
login "$bibo"
api GET "/user/match/$match_id" -H "$(auth "$bibo")"
expect_detail 404 "Specific match <$match_id> for user <$bibo> is not available!" "another's match"
api GET /user/ -H "$(auth "$user2")"
expect_json "[.user_matches[].id] | map(tostring) | join(\",\")" "$match_id" "ShowUser lists the matches it initiated"

# --- test_users_chat.py (before the unmatch: sending needs an active match) ----------
api GET /user/chats -H "$(auth "$admin")"
expect_detail 404 "No chats available for user <$admin>" "test_user_chats_no_chats"
api GET "/user/chat/$user2" -H "$(auth "$admin")"
expect_detail 404 "No chats available between user <$admin> and <$user2>" "test_user_chats_no_chats_between_users"
api POST "/user/chat/$user2" -H "$(auth "$admin")"
expect_status 422 "a chat without chat_message"
expect_json '.detail[0].loc | join(",")' "query,chat_message" "the missing query field"
api POST "/user/chat/$admin?chat_message=hi" -H "$(auth "$admin")"
expect_detail 404 "Receiver and sender are the same <$admin>, you can not chat with yourself!" "chat with myself"
api POST "/user/chat/nobody_$suffix?chat_message=hi" -H "$(auth "$admin")"
expect_detail 404 "Receiver with the username <nobody_$suffix> is not available" "chat with nobody"
api POST "/user/chat/$bibo?chat_message=hi" -H "$(auth "$admin")"
expect_detail 404 "You have no match with the user <$bibo>!" "chat without a match"
api POST "/user/chat/$user2" -G --data-urlencode "chat_message=Hello $marker" -H "$(auth "$admin")"
expect_status 200 "a chat to my match answers 200"
expect_json '[.sender.username, .receiver.username, .receiver.email, .message, (.seen_date | tostring)] | join(",")' \
  "$admin,$user2,$user2@example.com,Hello $marker,null" "ChatWithSender"
api POST "/user/chat/$admin" -G --data-urlencode "chat_message=Hi back" -H "$(auth "$user2")"
api GET /user/chats -H "$(auth "$admin")"
expect_status 200 "test_user_chats_with_chats"
expect_json '[.total, .items[0].receiver.username, .items[0].sender.username, .items[1].sender.username] | map(tostring) | join(",")' \
  "2,$user2,$admin,$user2" "sent and received, oldest first"
api GET "/user/chat/$user2" -H "$(auth "$admin")"
expect_status 200 "test_user_chats_with_chats_between_users"
expect_json '[length, .[0].message, (.[0].seen_date | tostring)] | map(tostring) | join(",")' "2,Hello $marker,null" \
  "both directions, unpaginated"
api GET /user/ -H "$(auth "$admin")"
expect_json '[.chat[].receiver.username] | join(",")' "$user2" "ShowUser's chat: sent by me"

# --- the unmatch (test_specific_match's second definition) ----------------------------
api DELETE "/user/match/$match_id" -H "$(auth "$admin")"
expect_status 204 "admin unmatches"
api GET "/user/match/$match_id" -H "$(auth "$admin")"
expect_json .unmatched true "the match is unmatched"
api DELETE "/user/match/$match_id" -H "$(auth "$user2")"
expect_detail 404 "Specific match <$match_id> for user <$user2> is already unmatched!" "an unmatched match stays so"
api GET "/user/match/$match_id" -H "$(auth "$user2")"
expect_json '[.matched_with.username, .unmatched] | map(tostring) | join(",")' "$admin,true" "testuser2 sees it unmatched"
api GET "/user/chat/$user2" -H "$(auth "$admin")"
expect_detail 404 "No chats available between user <$admin> and <$user2>" "the unmatch deleted the pair's chats"
api POST "/user/chat/$user2?chat_message=again" -H "$(auth "$admin")"
expect_detail 404 "You have no match with the user <$user2>!" "no chat after an unmatch (ours)"

# --- test_users_mail.py --------------------------------------------------------------
wait_for_mail() { # ADDRESS SUBJECT: up to 15 s
  for _ in $(seq 30); do
    [[ $(mails_to "$1" "$2") -ge 1 ]] && return 0
    sleep 0.5
  done
  return 1
}
api GET /user/mail -H "$(auth "$admin")"
expect_detail 404 "No mail available for user <$admin>" "test_user_mails_no_mails_in_db"
api POST /user/mail -H "$(auth "$admin")" "${json[@]}" -d "{\"subject\":\"Subject $marker\",\"content\":\"Content\"}"
expect_status 200 "test_user_mail_send"
expect_same "{\"status\":\"email has been sent\",\"email\":{\"subject\":\"Subject $marker\",\"content\":\"Content\"}}" \
  "the original's answer"
api GET /user/mail -H "$(auth "$admin")"
expect_json '.items[0] | [.subject, .content, .sent_date] | join(",")' "Subject $marker,Content,$(date -u +%F)" \
  "the mail is listed"
mail_id=$(jq -r .items[0].id <<<"$BODY")
expect_true "the self-mail reaches admin (notification on)" wait_for_mail "$admin@example.com" "Subject $marker"
api POST /user/mail -H "$(auth "$user2")" "${json[@]}" -d "{\"subject\":\"Quiet $marker\",\"content\":\"x\"}"
expect_status 200 "testuser2 stores a mail"
sleep 2
expect_true "no mail for testuser2 (notification off; ours)" test "$(mails_to "$user2@example.com" "Quiet $marker")" = 0
api POST /user/mail -H "$(auth "$admin")" "${json[@]}" -d '{"subject":null}'
expect_json '[.detail[] | "\(.loc[1]):\(.msg)"] | join(" ")' "subject:field required content:field required" \
  "a missing or null subject or content: 422"
api DELETE "/user/mail/$mail_id" -H "$(auth "$user2")"
expect_detail 404 "User with username <$user2> doesn't have access to this mail" "another's mail"
api DELETE "/user/mail/$mail_id" -H "$(auth "$admin")"
expect_status 204 "test_user_mail_delete"
api DELETE "/user/mail/$mail_id" -H "$(auth "$admin")"
expect_detail 404 "This mail with id <$mail_id> is not available for user <$admin>" "deleted already"
api GET /user/mail -H "$(auth "$admin")"
expect_status 404 "none left"

# --- one data set, two surfaces, tokens not interchangeable --------------------------
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$user2\",\"password\":\"$password\"}"
drf_access=$(jq -r .access <<<"$BODY")
api GET /user/ -H "Authorization: Bearer $drf_access"
expect_detail 401 "Could not validate credentials" "FastAPI refuses a DRF token"
request GET /api/v1/user/ -H "Authorization: Bearer ${token[$user2]}"
expect_status 401 "DRF refuses a FastAPI token"
request POST /api/v1/user/sock/ -H "Authorization: Bearer $drf_access" "${json[@]}" -d "$(sock_json 6 "$tomorrow")"
drf_sock=$(jq -r .id <<<"$BODY")
api GET "/user/sock/$drf_sock" -H "$(auth "$user2")"
expect_json '[.id_sock, .info_color, .info_name] | map(tostring) | join(",")' "$drf_sock,6,sock $marker" \
  "a sock made through DRF is seen through FastAPI"
request GET "/api/v1/user/sock/$sock2/" -H "Authorization: Bearer $drf_access"
expect_status 200 "a sock made through FastAPI is seen through DRF"
expect_json .id "$sock2" "the same sock"

# --- platform errors in FastAPI's shape ----------------------------------------------
api GET /nothing/here
expect_detail 404 "Not Found" "an unknown path below /fastapi/v1/"
api PATCH /user/ -H "$(auth "$admin")"
expect_detail 405 "Method Not Allowed" "a wrong method"
expect_header Allow "DELETE" "405 lists the allowed methods"
api POST /token/ --data-urlencode "username=x"
expect_status 307 "/token/ redirects to /token"
expect_header Location "^http://[^/]+/fastapi/v1/token$" "slash removed"
api POST /token "${json[@]}" -d "{\"username\":\"$admin\",\"password\":\"$password\"}"
expect_status 422 "JSON is no OAuth2 form"
expect_json '[.detail[].loc[1]] | join(",")' "username,password" "both fields missing"
request GET /fastapi/v1/openapi.json
expect_status 200 "the FastAPI description is served"
request GET /fastapi/v1/docs
expect_status 200 "its Swagger UI is served"
expect_true "the docs page loads Swagger UI locally" grep -q '/vendor/swagger-ui/swagger-ui-bundle.js' <<<"$BODY"

# --- rate limits: per address and route, fixed 60 s windows --------------------------
# Not in a window's last seconds: six requests must fall into one window.
(($(date +%s) % 60 < 50)) || sleep $((61 - $(date +%s) % 60))
client=$(random_loopback)
login_client=$client
for attempt in 1 2 3 4 5 6; do
  api POST /token "${json[@]}" -d '{}'
done
expect_status 422 "422s never reach the handler, so they are not counted"
for attempt in 1 2 3 4 5; do
  login "$user2" "wrong password $attempt"
done
expect_detail 404 "Invalid Credentials" "five attempts a minute are allowed"
login "$user2"
expect_status 429 "the sixth in the minute is refused"
expect_same '{"error":"Rate limit exceeded: 5 per 1 minute"}' "slowapi's answer"
login_client=$(random_loopback)
login "$user2"
expect_status 200 "another address has its own count"

finish
