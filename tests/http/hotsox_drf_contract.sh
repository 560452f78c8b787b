#!/usr/bin/env bash
# HotSox's DRF surface as the original's clients see it (SPEC-hotsox.md § 1, § 3):
# a counterpart of each of the original's 36 DRF tests (django/app_restapi/test/)
# and of the 5 prefilter cases (app_home/test/test_preprediction_algo.py), each
# asserting the exact shapes, plus the conventions of § 1.1 (401 shapes,
# authtoken, pages). Section headers name the original's test file.
source "$(dirname "$0")/lib_hotsox.sh"

json=(-H 'Content-Type: application/json')
suffix=$(tr '0-9' 'a-j' <<<"$run_id")
# Texts unique to this run: this run's socks are each other's closest, whatever
# other socks the database holds.
marker=$(printf 'drf%s' "$run_id" | sha256sum | cut -c1-40)
pixel=$(mktemp --suffix=.png)
base64 -d >"$pixel" <<<"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
text_file=$(mktemp --suffix=.jpg)
printf 'not an image' >"$text_file"
password_file=$(mktemp)
printf '%s' "$password" >"$password_file"
trap 'rm -f "$pixel" "$text_file" "$password_file"' EXIT

sock_json() { # EXTRA_JSON
  echo "{\"info_name\":\"sock $marker\",\"info_about\":\"about $marker\",
    \"info_color\":3,\"info_fabric\":2,\"info_fabric_thickness\":2,\"info_brand\":4,\"info_type\":1,\"info_size\":3,
    \"info_age\":2,\"info_condition\":5,\"info_holes\":1,\"info_kilometers\":100,\"info_inoutdoor\":2,
    \"info_washed\":3,\"info_separation_date\":\"2026-01-01\",\"info_special\":\"special $marker\"${1:+,$1}}"
}
new_sock() { # USER [PICTURE=yes]: echoes the sock's id
  request POST /api/v1/user/sock/ -H "$(auth "$1")" "${json[@]}" -d "$(sock_json)"
  local sock
  sock=$(jq -r .id <<<"$BODY")
  if [[ ${2:-yes} == yes ]]; then
    request POST "/api/v1/user/sock/$sock/profilepic/" -H "$(auth "$1")" -F "profile_picture=@$pixel"
    [[ $STATUS == 201 ]] || echo "picture for sock $sock: $STATUS $BODY" >&2
  fi
  echo "$sock"
}
next_of() { request GET "/api/v1/user/swipe/$2/next" -H "$(auth "$1")"; }
# expect_empty STATUS DESCRIPTION: a bare status, no body and no Content-Type.
expect_empty() {
  expect_status "$1" "$2"
  expect_true "$2: no body" test -z "$BODY"
  # shellcheck disable=SC2016 # the inner shell expands its argument
  expect_true "$2: no Content-Type" bash -c '! grep -qi "^content-type:" <<<"$1"' _ "$HEADERS"
}
# expect_body FILTER EXPECTED_JSON DESCRIPTION: the same JSON, whatever the key order.
expect_body() {
  local actual expected
  actual=$(jq -cS "$1" <<<"$BODY" 2>/dev/null) || actual="<not JSON: ${BODY:0:200}>"
  expected=$(jq -cS . <<<"$2")
  if [[ $actual == "$expected" ]]; then ok "$3"; else not_ok "$3: $1 is '$actual', expected '$expected'"; fi
}
# expect_keys FILTER KEYS_JSON_ARRAY DESCRIPTION: exactly these keys.
expect_keys() { expect_body "$1 | keys" "$(jq -c 'sort' <<<"$2")" "$3"; }

# Fixtures as the original's: an admin (staff and superuser) and testuser2.
admin="admin_$suffix"
tu2="testuser2_$suffix"
"$FCGI_APP" user create --admin --username "$admin" --email "$admin@example.com" --password-file "$password_file" \
  >/dev/null || echo "could not create $admin" >&2
login "$admin"
id[$admin]=$(psql_app "SELECT id FROM hotsox_users WHERE username = '$admin'")
register "$tu2" '"notification":false'
login "$tu2"

user_keys='["chat_sending","date_joined","email","first_name","id","info_about","info_birthday","info_gender","is_active","is_staff","is_superuser","last_login","last_name","location_city","location_latitude","location_longitude","mail","notification","profile_picture","social_facebook","social_instagram","social_spotify","social_twitter","sock","user_match","username"]'
sock_fields='"info_about","info_age","info_brand","info_color","info_condition","info_fabric","info_fabric_thickness","info_holes","info_inoutdoor"'
sock_fields+=',"info_kilometers","info_name","info_separation_date","info_size","info_special","info_type","info_washed"'

# --- test_users.py ------------------------------------------------------------------------
request GET /api/v1/users/
expect_status 401 "test_show_users_login_incorrect_cedentials: users/ without a token"
expect_body . '{"detail":"Authentication credentials were not provided."}' "the 401 says so"
expect_header WWW-Authenticate '^Token$' "DRF's 401 names the Token scheme"

request GET /api/v1/users/ -H "$(auth "$tu2")"
expect_status 403 "test_show_users_login_incorrect_permission: users/ as a plain user"
expect_body . '{"detail":"You do not have permission to perform this action."}' "the 403 says so"

request GET /api/v1/users/ -H "$(auth "$admin")" -H "Host: hotsox.example:8181"
expect_status 200 "test_show_users_login_correct_cedentials: users/ as admin"
expect_json '[.results[0].username, .results[1].username] | join(" ")' "$tu2 $admin" "newest first: testuser2, then admin"
expect_json '.results | length <= 20' true "20 a page"
expect_keys '.results[0]' "$user_keys" "each item is a whole User"
count=$(jq -r .count <<<"$BODY")
if ((count > 20)); then
  expect_json .next "http://hotsox.example:8181/api/v1/users/?page=2" "next is absolute, from the Host asked"
else
  expect_json .next null "one page: no next"
fi

request GET /api/v1/user/ -H "$(auth "$admin")"
expect_status 200 "test_show_user_admin: user/ as admin"
expect_keys '.' "$user_keys" "User has exactly the serializer's fields (no password)"
expect_json '[.is_superuser, .is_staff, .is_active, .last_login] | tostring' '[true,true,true,null]' "the admin's flags"
expect_json '[.user_match, .mail, .chat_sending, .sock, .profile_picture] | tostring' '[[],[],[],[],[]]' "nothing owned yet"

request POST /api/v1/token/ "${json[@]}" -d '{"username":"nobody_'"$suffix"'","password":"wrong password"}'
expect_status 401 "test_show_user_that_do_not_exist: the login fails"
expect_body . '{"detail":"No active account found with the given credentials"}' "with simplejwt's message"
expect_header WWW-Authenticate '^Bearer realm="api"$' "and its header"
request GET /api/v1/user/ -H "Authorization: Bearer None"
expect_status 401 "then user/ with the failed login's token"
expect_body . '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]}' \
  "simplejwt's whole token_not_valid body"

request PUT /api/v1/user/ -H "$(auth "$admin")" "${json[@]}" -d '{"username":"'"$admin"'","first_name":"Ada",
  "last_name":"Admin","info_gender":"2","location_city":"Kiel","social_instagram":"","social_spotify":""}'
expect_status 202 "test_update_user_admin: PUT user/"
expect_json '[.username, .first_name, .last_name, .social_instagram, .social_spotify] | tostring' \
  "[\"$admin\",\"Ada\",\"Admin\",\"\",\"\"]" "the new values are echoed"
expect_keys '.' "$user_keys" "the answer is a whole User"
expect_true "and stored" test "$(psql_app "SELECT first_name || last_name FROM hotsox_users WHERE username = '$admin'")" = AdaAdmin

request PUT /api/v1/user/DoNotExist -H "$(auth "$admin")" "${json[@]}" -d '{}'
expect_status 404 "test_update_user_that_do_not_exist: PUT user/DoNotExist"

request POST /api/v1/user/ -d "username=nopw_$suffix&email=nopw_$suffix@example.com&info_birthday=1990-01-01&info_gender=1&location_city=Kiel"
expect_status 400 "test_create_user_wrong_data: a form without password"
expect_body .password '["This field is required."]' "password is required"
expect_true "nothing created" test "$(psql_app "SELECT count(*) FROM hotsox_users WHERE username = 'nopw_$suffix'")" = 0

new_user="bibo_$suffix"
sent='{"username":"'"$new_user"'","email":"'"$new_user"'@bibo.com","password":"bibo12345","first_name":"Bi","last_name":"Bo",
  "info_about":"hi","info_birthday":"1990-01-01","info_gender":"4","location_city":"Berlin","location_latitude":0,
  "location_longitude":0,"notification":true,"social_instagram":"","social_facebook":"","social_twitter":"","social_spotify":""}'
request POST /api/v1/user/ "${json[@]}" -d "$sent"
expect_status 201 "test_create_user_new: sign-up without a token"
echoed=$(jq -c --argjson sent "$sent" '[$sent | del(.password) | to_entries[] | select(.value != $body[.key])]' \
  --argjson body "$BODY" -n 2>/dev/null)
expect_true "every sent key but the password is echoed equal (${echoed:-not JSON})" test "$echoed" = "[]"
expect_json 'has("password")' false "no password in the answer"

request POST /api/v1/user/ "${json[@]}" -d "$sent"
expect_status 400 "test_create_user_dupliceate: the same sign-up again"
expect_body . '{"email":["user with this email address already exists."],"username":["A user with that username already exists."]}' \
  "exactly the username and email messages"

request DELETE /api/v1/user/ -H "Authorization: Bearer not.a.token"
expect_status 401 "test_delete_noneexisting_user: DELETE user/ without a valid token"
expect_json .code token_not_valid "the token is not valid"

# --- § 1.1 authentication shapes ------------------------------------------------------------
request GET /api/v1/user/ -H "Authorization: Bearer"
expect_status 401 "Bearer without a value"
expect_body . '{"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"}' \
  "simplejwt's bad header body"
request GET /api/v1/user/ -H "Authorization: Token 0000000000000000000000000000000000000000"
expect_status 401 "an unknown Token key"
expect_body . '{"detail":"Invalid token."}' "DRF's invalid token body"
request POST /api/v1/django-token/ "${json[@]}" -d "{\"username\":\"$tu2\",\"password\":\"$password\"}"
expect_status 200 "django-token/ logs in"
key=$(jq -r .token <<<"$BODY")
expect_true "a 40-hex key" grep -qE '^[0-9a-f]{40}$' <<<"$key"
request POST /api/v1/django-token/ "${json[@]}" -d "{\"username\":\"$tu2\",\"password\":\"$password\"}"
expect_json .token "$key" "the same key every time"
request GET /api/v1/user/ -H "Authorization: Token $key"
expect_status 200 "Authorization: Token <key> authenticates"
expect_json .username "$tu2" "as its user"
request POST /api/v1/django-token/ "${json[@]}" -d "{\"username\":\"$tu2\",\"password\":\"wrong password\"}"
expect_status 400 "django-token/ with a wrong password"
expect_body . '{"non_field_errors":["Unable to log in with provided credentials."]}' "DRF's message"
request POST /api/v1/django-token/ "${json[@]}" -d '{}'
expect_body . '{"password":["This field is required."],"username":["This field is required."]}' "both fields required"
request POST /api/v1/user/ "${json[@]}" -H "Authorization: Bearer not.a.token" -d '{}'
expect_status 401 "sign-up with a bad token is a 401, as DRF authenticates first"

# --- test_socks.py --------------------------------------------------------------------------
request GET /api/v1/user/socks/ -H "$(auth "$tu2")"
expect_status 200 "test_show_all_socks_of_a_user_no_socks"
expect_body . '{"count":0,"next":null,"previous":null,"results":[]}' "exactly the empty page"

request POST /api/v1/user/sock/ -H "$(auth "$admin")" "${json[@]}" -d "$(sock_json)"
expect_status 201 "test_create_and_delete_sock_of_a_user: POST user/sock/"
expect_keys '.' "[$sock_fields,\"id\",\"info_joining_date\"]" "SockCreate: no sock_likes, no profile_picture"
expect_json '[.info_color, .info_age, .info_joining_date] | tostring' "[\"3\",2,\"$(date -u +%F)\"]" \
  "choices as strings, counts as numbers, joined today"
doomed=$(jq -r .id <<<"$BODY")
request DELETE "/api/v1/user/sock/$doomed/" -H "$(auth "$admin")"
expect_status 204 "DELETE user/sock/<id>/"
request GET /api/v1/user/socks/ -H "$(auth "$admin")"
expect_json .count 0 "no socks left"

admin_sock=$(new_sock "$admin" no)
admin_sock2=$(new_sock "$admin" no)
request GET /api/v1/user/socks/ -H "$(auth "$admin")"
expect_status 200 "test_show_all_socks_of_a_user_with_socks"
expect_json '[.results[].id] | tostring' "[$admin_sock2,$admin_sock]" "two, newest first"
request GET /api/v1/user/socks/ -H "$(auth "$tu2")"
expect_body . '{"count":0,"next":null,"previous":null,"results":[]}' "testuser2 still has none"

request GET "/api/v1/user/sock/$admin_sock/" -H "$(auth "$tu2")"
expect_status 404 "test_show_sock_of_a_user_no_sock: another user's sock (ours: 404, orig 400)"
expect_body . '{"detail":"Not found."}' "DRF's not found"

request GET "/api/v1/user/sock/$admin_sock/" -H "$(auth "$admin")"
expect_status 200 "test_show_sock_of_a_user_with_sock"
expect_keys '.' "[$sock_fields,\"id\",\"info_joining_date\",\"profile_picture\",\"sock_likes\"]" "the Sock shape"
expect_json '[.info_color, .info_fabric, .info_holes, .info_kilometers, .profile_picture, .sock_likes] | tostring' \
  '["3","2",1,100,[],[]]' "choices as strings, numbers as ints, empty lists"

tomorrow=$(date -u -d tomorrow +%F)
request PUT "/api/v1/user/sock/$admin_sock/" -H "$(auth "$admin")" "${json[@]}" \
  -d "$(sock_json "\"info_color\":\"7\",\"info_holes\":4,\"info_separation_date\":\"$tomorrow\"")"
expect_status 202 "test_update_sock_of_a_user_with_sock: full PUT"
expect_keys '.' "[$sock_fields]" "SockUpdate: the fields alone"
expect_json '[.info_color, .info_holes, .info_separation_date] | tostring' "[\"7\",4,\"$tomorrow\"]" "values echoed"
request PUT "/api/v1/user/sock/$admin_sock/" -H "$(auth "$admin")" "${json[@]}" -d "$(sock_json '"info_color":"3"')"

# --- test_sock_picture.py / test_users_picture.py, and § 0 row 15 ---------------------------
tu2_sock=$(new_sock "$tu2" no)
request POST "/api/v1/user/sock/$tu2_sock/profilepic/" -H "$(auth "$tu2")" -F "profile_picture=@$pixel"
expect_status 201 "test_sock_upload_profilepic: a picture on my sock"
expect_keys '.' '["id","profile_picture"]' "Picture shape"
sock_pic=$(jq -r .id <<<"$BODY")
request POST "/api/v1/user/sock/$tu2_sock/profilepic/" -H "$(auth "$tu2")" -F "profile_picture=@$text_file"
expect_status 400 "a file that is not an image (ours: checked)"
expect_json '.profile_picture | length' 1 "as a profile_picture field error"
request POST "/api/v1/user/sock/$admin_sock/profilepic/" -H "$(auth "$tu2")" -F "profile_picture=@$pixel"
expect_status 400 "a picture on another user's sock"
expect_body . '{"error":"Could not find sock"}' "the original's message"
request DELETE "/api/v1/user/sock/$tu2_sock/profilepic/$sock_pic" -H "$(auth "$admin")"
expect_status 400 "deleting a picture of another user's sock"
expect_body . '{"detail":"Not found."}' "DRF's text, as a 400"
request POST "/api/v1/user/sock/$tu2_sock/profilepic/" -H "$(auth "$tu2")" -F "profile_picture=@$pixel"
extra_pic=$(jq -r .id <<<"$BODY")
request DELETE "/api/v1/user/sock/$tu2_sock/profilepic/$extra_pic" -H "$(auth "$tu2")"
expect_status 204 "test_user_delete_profilepic (sock): delete by the returned id"
request GET "/api/v1/user/sock/$tu2_sock/" -H "$(auth "$tu2")"
expect_json '[.profile_picture[].id] | tostring' "[$sock_pic]" "one picture left"

request POST /api/v1/user/profilepic -H "$(auth "$tu2")" -F "profile_picture=@$pixel"
expect_status 201 "test_user_upload_profilepic"
user_pic=$(jq -r .id <<<"$BODY")
expect_json '.profile_picture | startswith("/media/")' true "a media URL"
request GET /api/v1/user/ -H "$(auth "$tu2")"
expect_json '.profile_picture | length' 1 "one profile picture"
request DELETE "/api/v1/user/profilepic/$user_pic" -H "$(auth "$admin")"
expect_status 400 "deleting another user's profile picture"
expect_body . '{"detail":"Not found."}' "DRF's text, as a 400"
request DELETE "/api/v1/user/profilepic/$user_pic" -H "$(auth "$tu2")"
expect_status 204 "test_user_delete_profilepic"
request GET /api/v1/user/ -H "$(auth "$tu2")"
expect_json '.profile_picture | length' 0 "no profile picture left"

# --- test_sock_swipe.py ---------------------------------------------------------------------
request POST "/api/v1/user/sock/$admin_sock/profilepic/" -H "$(auth "$admin")" -F "profile_picture=@$pixel"
next_of "$admin" "$admin_sock"
expect_status 200 "test_swipe_next_sock"
expect_json .id "$tu2_sock" "the other user's alike sock comes next"
expect_keys '.' "[$sock_fields,\"id\",\"info_joining_date\",\"profile_picture\"]" "SockWithId: no sock_likes"

next_of "$admin" "$tu2_sock"
expect_status 400 "test_swipe_next_sock_invalide: a sock that is not mine"
expect_body . '{"error":"this sock was not found"}' "the original's message"

judge "$admin" "$admin_sock" "$tu2_sock" true
expect_status 201 "test_swipe_judge_sock: like"
expect_body . "{\"message\":\"sock <$tu2_sock> was liked\",\"match\":\"no new match\"}" "literal angle brackets"
judge "$admin" "$admin_sock" "$tu2_sock" true
expect_status 208 "like again"
expect_body . "{\"message\":\"sock <$tu2_sock> was already liked\",\"match\":\"no new match\"}" "already liked"
judge "$tu2" "$tu2_sock" "$admin_sock" true
expect_status 201 "the reverse like"
expect_json .message "sock <$admin_sock> was liked" "liked"
expect_json '[.match.user.username, .match.other_user.username] | tostring' "[\"$tu2\",\"$admin\"]" \
  "user is the judging user, other_user the admin"
expect_json '.match.chatroom_uuid | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")' true "a 36-character uuid"
expect_keys '.match' '["chatroom_uuid","other_sock","other_user","sock","user"]' "the match object's keys"
expect_keys '.match.user' '["age","date_joined","first_name","info_about","info_gender","last_login","last_name","location_city","location_latitude","location_longitude","profile_picture","social_facebook","social_instagram","social_spotify","social_twitter","username"]' \
  "UserForMatch: no id, email, birthday or flags"
expect_keys '.match.other_sock' "[$sock_fields,\"info_joining_date\",\"profile_picture\"]" "SockForMatch: no id, no sock_likes"
expect_json '[.match.sock.info_name, (.match.user.age | type)] | tostring' "[\"sock $marker\",\"number\"]" "with the values"
judge "$admin" "$admin_sock2" "$tu2_sock"
expect_status 400 "like missing"
expect_body . '{"error":"You need to set the like query parameter to either true or false"}' "the original's message"
judge "$admin" "$admin_sock2" "$tu2_sock" nope
expect_status 201 "any other like value is a dislike"
expect_body . "{\"message\":\"sock <$tu2_sock> was disliked\"}" "disliked"
request GET "/api/v1/user/sock/$admin_sock2/" -H "$(auth "$admin")"
expect_json '.sock_likes | map({like, dislike}) | tostring' "[{\"like\":null,\"dislike\":$tu2_sock}]" "the dislike is stored (ours)"
judge "$admin" "$admin_sock2" "$tu2_sock" true
request GET "/api/v1/user/sock/$admin_sock2/" -H "$(auth "$admin")"
expect_json '.sock_likes | map({like, dislike}) | tostring' "[{\"like\":$tu2_sock,\"dislike\":null}]" "a later like turns it into a like"
judge "$admin" "$admin_sock2" "$tu2_sock" false
request GET "/api/v1/user/sock/$admin_sock2/" -H "$(auth "$admin")"
expect_json '.sock_likes | map({like, dislike}) | tostring' "[{\"like\":$tu2_sock,\"dislike\":null}]" "a dislike does not undo a like"

# --- test_users_chat.py ---------------------------------------------------------------------
request GET /api/v1/user/chats/ -H "$(auth "$admin")"
expect_status 200 "test_user_chats_no_chats"
expect_body . '[]' "an empty list"
request GET "/api/v1/user/chat/$new_user/" -H "$(auth "$admin")"
expect_status 200 "test_user_chats_no_chats_between_users: no match"
expect_body . '[]' "an empty list, as the original"
request POST "/api/v1/user/chat/$new_user/" -H "$(auth "$admin")" "${json[@]}" -d '{"message":"hi"}'
expect_status 404 "sending without a match (ours)"
expect_body . '{"error":"You have no match with this user"}' "says why"
request POST "/api/v1/user/chat/$tu2/" -H "$(auth "$admin")" "${json[@]}" -d '{"message":"Hello testuser2"}'
expect_status 201 "a message to the matched user"
expect_keys '.' '["id","message","other","seen_date","sent_date"]' "Chat shape"
request POST "/api/v1/user/chat/$tu2/" -H "$(auth "$admin")" "${json[@]}" -d '{"message":"Second"}'
request POST "/api/v1/user/chat/$admin/" -H "$(auth "$tu2")" "${json[@]}" -d '{"message":"Reply"}'
request GET /api/v1/user/chats/ -H "$(auth "$admin")"
expect_status 200 "test_user_chats_with_chats"
expect_json '[.[].message] | tostring' '["Second","Hello testuser2"]' "only what I sent, newest first"
expect_body '.[1].other' "{\"username\":\"$tu2\",\"email\":\"$tu2@example.com\"}" "other is the receiver"
expect_json '.[1].seen_date' null "never seen"
expect_json '.[1].sent_date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{6}Z$")' true "an ISO datetime"
request GET "/api/v1/user/chat/$tu2/" -H "$(auth "$admin")"
expect_status 200 "test_user_chats_with_chats_between_users"
expect_json '[.[].message] | tostring' '["Second","Hello testuser2"]' "the messages I sent to them"
request GET "/api/v1/user/chat/$admin/" -H "$(auth "$admin")"
expect_empty 400 "chat with myself"
request POST "/api/v1/user/chat/$admin/" -H "$(auth "$admin")" "${json[@]}" -d '{"message":"me"}'
expect_empty 400 "sending to myself"
request GET "/api/v1/user/chat/nobody_$suffix/" -H "$(auth "$admin")"
expect_status 404 "chat with an unknown user"
expect_body . '{"detail":"Not found."}' "DRF's not found"
request POST "/api/v1/user/chat/$tu2/" -H "$(auth "$admin")" "${json[@]}" -d '{"message":"  "}'
expect_status 400 "a blank message"
expect_body . '{"message":["This field may not be blank."]}' "as a field error"

request GET /api/v1/user/ -H "$(auth "$admin")"
expect_json '[.user_match[].other] | tostring' "[${id[$admin]}]" "the User lists the active match as stored"
expect_json '.user_match[0].user' "${id[$tu2]}" "with the liking user as user"
expect_json '[.chat_sending[].message] | tostring' '["Second","Hello testuser2"]' "and the chats sent"

# --- test_users_mail.py ---------------------------------------------------------------------
request GET /api/v1/user/mail/ -H "$(auth "$tu2")"
expect_status 200 "test_user_mails_no_mails_in_db"
expect_body . '[]' "an empty list"
request POST /api/v1/user/mail/ -H "$(auth "$tu2")" "${json[@]}" -d '{"subject":"Hi me","content":"Remember the socks"}'
expect_status 201 "test_user_mail_send"
expect_body 'del(.id)' "{\"subject\":\"Hi me\",\"content\":\"Remember the socks\",\"sent_date\":\"$(date -u +%F)\"}" \
  "subject and content echoed, sent today (a date)"
mail=$(jq -r .id <<<"$BODY")
request GET /api/v1/user/mail/ -H "$(auth "$tu2")"
expect_body '.[0]' "{\"id\":$mail,\"subject\":\"Hi me\",\"content\":\"Remember the socks\",\"sent_date\":\"$(date -u +%F)\"}" "listed the same"
request POST /api/v1/user/mail/ -H "$(auth "$tu2")" "${json[@]}" -d '{"subject":"only"}'
expect_status 400 "a mail without content (ours: field errors, orig 500)"
expect_body . '{"content":["This field is required."]}' "content required"
request DELETE "/api/v1/user/mail/$mail/" -H "$(auth "$admin")"
expect_status 404 "someone else's mail (ours)"
expect_body . '{"detail":"Not found."}' "DRF's not found"
request DELETE "/api/v1/user/mail/$mail/" -H "$(auth "$tu2")"
expect_status 204 "test_user_mail_delete"
request GET /api/v1/user/mail/ -H "$(auth "$tu2")"
expect_body . '[]' "gone"

# --- test_match.py --------------------------------------------------------------------------
m1="mone_$suffix"
m2="mtwo_$suffix"
register "$m1"
login "$m1"
register "$m2"
login "$m2"
request GET /api/v1/user/matches/ -H "$(auth "$m1")"
expect_status 404 "no match at all"
expect_body . '{"message":"No matches found :("}' "the original's message"
m1_sock=$(new_sock "$m1")
m2_sock=$(new_sock "$m2")
judge "$m2" "$m2_sock" "$m1_sock" true
judge "$m1" "$m1_sock" "$m2_sock" true
expect_status 201 "m1's like makes the match"
request GET /api/v1/user/matches/ -H "$(auth "$m1")"
expect_status 200 "test_all_matches"
match=$(jq -r '.[0].id' <<<"$BODY")
expect_keys '.' '[0]' "one match"
expect_keys '.[0]' '["chatroom_uuid","id","other","unmatched","user"]' "exactly the Match fields"
expect_json '[.[0].unmatched, .[0].user, .[0].other, (.[0].chatroom_uuid | length)] | tostring' \
  "[false,${id[$m1]},${id[$m2]},36]" "unmatched false, user m1, other m2, a uuid"
request GET /api/v1/user/matches/ -H "$(auth "$m2")"
expect_json '[.[0].user, .[0].other] | tostring' "[${id[$m1]},${id[$m2]}]" "the list shows the row as stored, for m2 too"

request GET "/api/v1/user/matches/$match" -H "$(auth "$m1")"
expect_status 200 "test_specific_match"
expect_json '[.user, .other] | tostring' "[${id[$m1]},${id[$m2]}]" "m1 sees user m1"
request GET "/api/v1/user/matches/$match" -H "$(auth "$m2")"
expect_json '[.user, .other] | tostring' "[${id[$m2]},${id[$m1]}]" "m2 sees them swapped"
request GET "/api/v1/user/matches/$match" -H "$(auth "$tu2")"
expect_status 400 "someone else's match"
expect_body . '{"Message":"Match could not be found"}' "the original's message"

request POST "/api/v1/user/chat/$m2/" -H "$(auth "$m1")" "${json[@]}" -d '{"message":"before"}'
request DELETE "/api/v1/user/matches/$match/delete" -H "$(auth "$tu2")"
expect_empty 400 "unmatching someone else's match"
request DELETE "/api/v1/user/matches/999999999/delete" -H "$(auth "$m1")"
expect_empty 400 "unmatching an unknown match"
request DELETE "/api/v1/user/matches/$match/delete" -H "$(auth "$m1")"
expect_status 200 "test_delete_match_user1_perspective"
expect_body . '{"message":"successfully unmatched"}' "successfully unmatched"
expect_true "the row is unmatched" test "$(psql_app "SELECT unmatched FROM hotsox_matches WHERE id = $match")" = t
expect_true "the chats between them are gone" \
  test "$(psql_app "SELECT count(*) FROM hotsox_chats WHERE sender_id IN (${id[$m1]}, ${id[$m2]})")" = 0
request DELETE "/api/v1/user/matches/$match/delete" -H "$(auth "$m2")"
expect_status 200 "test_delete_match_user2_perspective: already unmatched, 200 again"
expect_body . '{"message":"successfully unmatched"}' "successfully unmatched"
request GET /api/v1/user/matches/ -H "$(auth "$m1")"
expect_json '[.[0].id, .[0].unmatched] | tostring' "[$match,true]" "the list keeps unmatched rows"
request GET "/api/v1/user/matches/$match" -H "$(auth "$m2")"
expect_json .unmatched true "the single match too"
request GET /api/v1/user/ -H "$(auth "$m1")"
expect_body .user_match '[]' "the User lists active matches only"
request POST "/api/v1/user/chat/$m2/" -H "$(auth "$m1")" "${json[@]}" -d '{"message":"after"}'
expect_status 404 "no chat after unmatching"

# --- test_preprediction_algo.py (through next sock) -----------------------------------------
# Their own texts: the four socks are alike among themselves, unlike the others of this run.
marker="${marker}prefilter"
p1="pone_$suffix"
p2="ptwo_$suffix"
register "$p1"
login "$p1"
register "$p2"
login "$p2"
sock1=$(new_sock "$p1")
sock2=$(new_sock "$p1")
sock3=$(new_sock "$p2")
sock4=$(new_sock "$p2")
psql_app "INSERT INTO hotsox_matches (user_id, other_user_id) VALUES (${id[$p1]}, ${id[$p2]})" >/dev/null
next_of "$p1" "$sock1"
expect_json .id "$sock3" "prefilter_remainig_socks: sock3 first (own sock2 excluded, the active match not)"
judge "$p1" "$sock1" "$sock3" true
next_of "$p1" "$sock1"
expect_json .id "$sock4" "prefilter_remaining_socks_after_like: sock4"
judge "$p1" "$sock2" "$sock3" false
next_of "$p1" "$sock2"
expect_json .id "$sock4" "prefilter_remaining_socks_after_dislike: sock4"
judge "$p1" "$sock2" "$sock4" true
next_of "$p1" "$sock2"
expect_true "prefilter_no_remaining_socks: none of the two ($STATUS $(jq -r .id <<<"$BODY" 2>/dev/null))" \
  test "$(jq -r '.id // empty' <<<"$BODY" 2>/dev/null)" != "$sock3" -a "$(jq -r '.id // empty' <<<"$BODY" 2>/dev/null)" != "$sock4"
psql_app "UPDATE hotsox_matches SET unmatched = true WHERE user_id = ${id[$p1]} AND other_user_id = ${id[$p2]}" >/dev/null
next_of "$p1" "$sock1"
expect_true "prefilter_exclude_unwanted_user: sock4 no more ($STATUS)" \
  test "$(jq -r '.id // empty' <<<"$BODY" 2>/dev/null)" != "$sock4"

# --- pages (§ 1.1) --------------------------------------------------------------------------
for _ in $(seq 21); do
  request POST /api/v1/user/sock/ -H "$(auth "$m2")" "${json[@]}" -d "$(sock_json)"
done
request GET /api/v1/user/socks/ -H "$(auth "$m2")"
expect_json '[.count, (.results | length), .previous] | tostring' '[22,20,null]' "20 a page"
expect_json .next "$BASE_URL/api/v1/user/socks/?page=2" "next is an absolute URL"
request GET "/api/v1/user/socks/?page=2" -H "$(auth "$m2")"
expect_json '[(.results | length), .next, .previous] | tostring' "[2,null,\"$BASE_URL/api/v1/user/socks/\"]" \
  "previous of page 2 has no page parameter"
request GET "/api/v1/user/socks/?page=last" -H "$(auth "$m2")"
expect_json '.results | length' 2 "page=last is the last page"
request GET "/api/v1/user/socks/?page=%2B2" -H "$(auth "$m2")"
expect_json '.results | length' 2 "page=+2 is page 2 (Django's paginator reads it with int())"
request GET "/api/v1/user/socks/?page=+2" -H "$(auth "$m2")"
expect_json '.results | length' 2 "so is page= 2 (a '+' in a query is a space)"
request GET "/api/v1/user/socks/?page=3" -H "$(auth "$m2")"
expect_status 404 "past the last page"
expect_body . '{"detail":"Invalid page."}' "DRF's message"

# --- slashes (§ 1.1) ------------------------------------------------------------------------
request GET "/api/v1/user?x=1" -H "$(auth "$tu2")"
expect_status 301 "GET of a slash route without its slash"
expect_header Location '/api/v1/user/\?x=1$' "to the slashed URL, query kept"
request DELETE "/api/v1/user/mail/5" -H "$(auth "$tu2")"
expect_status 301 "DELETE too"
expect_header Location '/api/v1/user/mail/5/$' "to the slashed URL"
request HEAD "/api/v1/user/chat/$admin" -I -H "$(auth "$tu2")"
expect_status 301 "HEAD too"
request POST /api/v1/user "${json[@]}" -d '{}'
expect_status 404 "POST without the slash: a JSON 404 (the original: 500)"
expect_header Content-Type '^application/json' "in JSON"
request GET "/api/v1/user/matches/1/delete/" -H "$(auth "$tu2")"
expect_status 404 "an extra slash on a slashless route"

# --- a wrong method: authentication, then permission, then 405 (§ 1.1) ---------------------
request PATCH /api/v1/user/
expect_status 401 "PATCH user/ without credentials: 401 before 405"
request PATCH /api/v1/users/ -H "$(auth "$tu2")"
expect_status 403 "PATCH users/ as a plain user: 403 before 405"
request PATCH /api/v1/user/ -H "$(auth "$tu2")"
expect_status 405 "PATCH user/ as a user: 405"
expect_body . '{"detail":"Method \"PATCH\" not allowed."}' "DRF's 405"
expect_header Allow 'GET' "with Allow"
request GET /api/v1/token/
expect_status 405 "GET token/ (open to anyone): 405 at once"

# --- account states, and test_delete_user ---------------------------------------------------
psql_app "UPDATE hotsox_users SET is_active = false WHERE id = ${id[$m2]}" >/dev/null
request GET /api/v1/user/ -H "$(auth "$m2")"
expect_status 401 "an inactive user's token"
expect_body . '{"detail":"User is inactive","code":"user_inactive"}' "simplejwt's inactive body"
request DELETE /api/v1/user/ -H "$(auth "$admin")"
expect_status 204 "test_delete_user: DELETE user/ as admin"
expect_true "the admin is gone" test "$(psql_app "SELECT count(*) FROM hotsox_users WHERE username = '$admin'")" = 0
request GET /api/v1/user/ -H "$(auth "$admin")"
expect_status 401 "a deleted user's token"
expect_body . '{"detail":"User not found","code":"user_not_found"}' "simplejwt's user_not_found body"

finish
