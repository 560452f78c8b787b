#!/usr/bin/env bash
# HotSox part 1 (SPEC.md § HotSox): the original suite's account cases, then
# tokens (expiry, tampering, refresh, login limit), socks and their owners,
# pictures, and SQL meta-characters stored verbatim.
source "$(dirname "$0")/lib_hotsox.sh"

json=(-H 'Content-Type: application/json')
suffix=$(tr '0-9' 'a-j' <<<"$run_id")
as() { echo "Authorization: Bearer $1"; }
# put_self ACCESS USERNAME JSON: PUT user/ is a full update (SPEC-hotsox.md § 1.4),
# so the required fields go along with what JSON changes (register's gender and city).
put_self() {
  request PUT /api/v1/user/ -H "$(as "$1")" "${json[@]}" \
    -d "$(jq -c --arg u "$2" '{username: $u, info_gender: "3", location_city: "Hamburg"} + .' <<<"$3")"
}

# --- the original suite -------------------------------------------------------
alice="alice_$suffix"
bob="bob_$suffix"
register "$alice" '"first_name":"Alice","notification":false'
expect_status 201 "register 201"
expect_json .username "$alice" "register answers the user"
expect_json 'has("password") or has("password_hash")' false "the password is never returned"
alice_id=$(jq -r .id <<<"$BODY")
register "$alice"
expect_status 400 "the same username and email again"
expect_json '.username[0]' "A user with that username already exists." "username taken"
expect_json '.email[0]' "user with this email address already exists." "email taken"
request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"np_$suffix\",\"email\":\"np_$suffix@example.com\",
  \"info_birthday\":\"1990-01-01\",\"info_gender\":\"1\",\"location_city\":\"Kiel\"}"
expect_status 400 "register without a password"
expect_json '.password[0]' "This field is required." "the error names password"
request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"kid_$suffix\",\"email\":\"kid_$suffix@example.com\",
  \"password\":\"$password\",\"info_birthday\":\"$(date -u -d '-18 years +1 day' +%F)\",\"info_gender\":\"1\",
  \"location_city\":\"Kiel\"}"
expect_status 400 "one day short of 18"
expect_json '.info_birthday[0]' "You must be at least 18 years old" "under-18 message"
request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"adult_$suffix\",\"email\":\"adult_$suffix@example.com\",
  \"password\":\"$password\",\"info_birthday\":\"$(date -u -d '-18 years' +%F)\",\"info_gender\":\"8\",
  \"location_city\":\"Kiel\"}"
expect_status 201 "18 today is old enough"
request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"bad_$suffix\",\"email\":\"not-an-email\",
  \"password\":\"$password\",\"info_birthday\":\"1990-01-01\",\"info_gender\":\"9\",
  \"social_twitter\":\"javascript:alert(1)\"}"
expect_status 400 "several bad fields at once"
expect_json '[.email[0], .info_gender[0], .location_city[0], (.social_twitter | length)] | map(type) | join(",")' \
  "string,string,string,number" "each bad field has its own error"

# The email is optional and blank by default; a blank one counts as taken like any other.
psql_app "DELETE FROM hotsox_users WHERE email = ''" >/dev/null
no_email() {
  request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"$1\",\"password\":\"$password\",
    \"info_birthday\":\"1990-01-01\",\"info_gender\":\"1\",\"location_city\":\"Kiel\"}"
}
no_email "ne1_$suffix"
expect_status 201 "register without an email"
expect_json .email "" "the email is blank"
no_email "ne2_$suffix"
expect_status 400 "a second account without an email"
expect_json '.email[0]' "user with this email address already exists." "blank counts as taken"
psql_app "DELETE FROM hotsox_users WHERE email = ''" >/dev/null

register "$bob"
login "$bob"
bob_access=$ACCESS
# A Token key that is not UTF-8: DRF's answer, not a 500.
request GET /api/v1/user/ -H $'Authorization: Token \xff\xfe'
expect_status 401 "a Token key that is not UTF-8"
expect_json .detail "Invalid token header. Token string should not contain invalid characters." "DRF's message"
request GET /api/v1/users/
expect_status 401 "users list without a token"
expect_json .detail "Authentication credentials were not provided." "401 detail"
request GET /api/v1/users/ -H "$(as "$bob_access")"
expect_status 403 "users list as a normal user"
expect_json .detail "You do not have permission to perform this action." "403 detail"

admin="admin_$suffix"
printf '%s\n' "$password" >"$STACK_DIR/admin_password"
# shellcheck source=/dev/null # written by tools/dev up
if as_owner_output=$(source "$STACK_DIR/app.env" && "$FCGI_APP" user create --admin --username "$admin" \
  --email "$admin@example.com" --password-file "$STACK_DIR/admin_password" 2>&1); then
  ok "fcgi-app user create --admin"
else
  not_ok "fcgi-app user create --admin: $as_owner_output"
fi
rm -f "$STACK_DIR/admin_password"
login "$admin"
admin_access=$ACCESS
request GET /api/v1/users/ -H "$(as "$admin_access")"
expect_status 200 "users list as admin"
expect_json '.results[0].username' "$admin" "newest first"
expect_json '[.count >= 3, (.results | length) <= 20, has("next"), has("previous")] | all' true "paginated shape"
request GET "/api/v1/users/?page=999999" -H "$(as "$admin_access")"
expect_status 404 "a page past the last"

login "$alice"
alice_access=$ACCESS
put_self "$alice_access" "$alice" '{"first_name":"Alicia","location_city":"Bremen"}'
expect_status 202 "PUT self"
expect_json '[.first_name, .location_city, .username, .notification] | join(",")' "Alicia,Bremen,$alice,false" \
  "PUT echoes the data and keeps the rest"
put_self "$alice_access" "$bob" '{}'
expect_status 400 "renaming onto a taken username"
request PUT /api/v1/user/ -H "$(as "$alice_access")" "${json[@]}" -d '{"first_name":"Al"}'
expect_status 400 "PUT is a full update: the required fields must be sent"
expect_json '[.username[0], .info_gender[0], .location_city[0]] | unique | join(",")' "This field is required." \
  "each missing required field is named"

# --- tokens ---------------------------------------------------------------------
request POST /api/v1/token/refresh/ "${json[@]}" -d "{\"refresh\":\"$REFRESH\"}"
expect_status 200 "refresh gives a new access token"
expect_json '.access | split(".") | length' 3 "a JWT"
fresh=$(jq -r .access <<<"$BODY")
request GET /api/v1/user/ -H "$(as "$fresh")"
expect_status 200 "the refreshed token works"
request POST /api/v1/token/refresh/ "${json[@]}" -d "{\"refresh\":\"$alice_access\"}"
expect_status 401 "an access token is not a refresh token"
expect_json .detail "Token has wrong type" "simplejwt's words for it"
expect_json .code token_not_valid "and its code"
request GET /api/v1/user/ -H "$(as "$REFRESH")"
expect_status 401 "a refresh token is not an access token"

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
secret=$(cat "$STACK_DIR/secrets/jwt_secret")
# sign HEADER_JSON PAYLOAD_JSON [KEY]: an HS256 token.
sign() {
  local head body
  head=$(printf '%s' "$1" | b64url)
  body=$(printf '%s' "$2" | b64url)
  printf '%s.%s.%s' "$head" "$body" \
    "$(printf '%s.%s' "$head" "$body" | openssl dgst -sha256 -hmac "${3:-$secret}" -binary | b64url)"
}
now=$(date +%s)
hs256='{"alg":"HS256","typ":"JWT"}'
claims() { echo "{\"exp\":$1,\"iat\":$((now - 10)),\"jti\":\"t$RANDOM\",\"token_type\":\"access\",\"user_id\":$alice_id,\"ver\":0}"; }
request GET /api/v1/user/ -H "$(as "$(sign "$hs256" "$(claims $((now + 60)))")")"
expect_status 200 "a token signed with the secret works (the test signs correctly)"
request GET /api/v1/user/ -H "$(as "$(sign "$hs256" "$(claims $((now - 1)))")")"
expect_status 401 "an expired token"
expect_json .code token_not_valid "expired: token_not_valid"
good=$(sign "$hs256" "$(claims $((now + 60)))")
other_payload=$(claims $((now + 60)) | sed "s/\"user_id\":$alice_id/\"user_id\":$((alice_id + 1))/" | b64url)
request GET /api/v1/user/ -H "$(as "${good%%.*}.$other_payload.${good##*.}")"
expect_status 401 "a changed payload"
request GET /api/v1/user/ -H "$(as "$(sign "$hs256" "$(claims $((now + 60)))" wrong-key-wrong-key-wrong-key-000)")"
expect_status 401 "a wrong signature"
none_token="$(printf '{"alg":"none","typ":"JWT"}' | b64url).$(claims $((now + 60)) | b64url)."
request GET /api/v1/user/ -H "$(as "$none_token")"
expect_status 401 "alg none"
request GET /api/v1/user/ -H "Authorization: Bearer not.a.token"
expect_status 401 "garbage"

# The limiter counts per client address in KeyDB; every test comes from 127.0.0.1.
clear_login_limits() {
  redis-cli -s "$STACK_DIR/redis.sock" --scan --pattern 'hotsox:login:*' |
    xargs -r redis-cli -s "$STACK_DIR/redis.sock" del >/dev/null
}
clear_login_limits
for attempt in 1 2 3 4 5; do
  request POST /api/v1/token/ "${json[@]}" \
    -d "{\"username\":\"$bob\",\"password\":\"wrong password $attempt\"}"
  [[ $STATUS == 401 ]] || break
done
expect_status 401 "five bad logins answer 401"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$bob\",\"password\":\"wrong again\"}"
expect_status 429 "the sixth bad login within a minute"
expect_header Retry-After '^[0-9]+$' "429 says when to retry"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$bob\",\"password\":\"$password\"}"
expect_status 429 "even the right password waits out the minute"
clear_login_limits

# PUT user/ ignores a password (SPEC-hotsox.md § 1.4), even one sign-up would refuse.
carl="carl_$suffix"
register "$carl"
login "$carl"
carl_access=$ACCESS
put_self "$carl_access" "$carl" '{"password":"a brand new one 7"}'
expect_status 202 "a PUT with a password"
expect_true "its answer has no password" test "$(jq 'has("password")' <<<"$BODY")" = false
put_self "$carl_access" "$carl" '{"password":"short"}'
expect_status 202 "a short password is not checked either: it is ignored"
request GET /api/v1/user/ -H "$(as "$carl_access")"
expect_status 200 "tokens from before the PUT still work"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$carl\",\"password\":\"a brand new one 7\"}"
expect_status 401 "the sent password does not log in"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$carl\",\"password\":\"$password\"}"
expect_status 200 "the sign-up's password still does"
expect_true "the stored password is an argon2id hash" test "$(psql "$DATABASE_URL" -XAtc \
  "SELECT password_hash LIKE '\$argon2id\$%' FROM hotsox_users WHERE username = '$carl'")" = t
carl_access=$(jq -r .access <<<"$BODY")
psql "$OWNER_DATABASE_URL" -XAtqc "UPDATE hotsox_users SET is_active = false WHERE username = '$carl'"
request GET /api/v1/user/ -H "$(as "$carl_access")"
expect_status 401 "a deactivated user's token stops working at once"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$carl\",\"password\":\"a brand new one 7\"}"
expect_status 401 "and cannot log in"
clear_login_limits

# Outside the local stack the pool refuses to start without a signing key.
no_secret=$(env -i PATH="$PATH" DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
  "$FCGI_APP" serve --listen "unix:$(mktemp -u)" --workers 1 2>&1 </dev/null)
expect_true "serve without JWT_SECRET exits, naming it" grep -q JWT_SECRET <<<"$no_secret"

# --- socks -------------------------------------------------------------------------
sock='{"info_name":"Lefty","info_color":3,"info_fabric":"2","info_fabric_thickness":2,"info_brand":4,
  "info_type":1,"info_size":3,"info_age":2,"info_condition":5,"info_holes":1,"info_kilometers":100,
  "info_inoutdoor":2,"info_washed":10,"info_special":"smells of cinnamon"}'
request POST /api/v1/user/sock/ -H "$(as "$alice_access")" "${json[@]}" -d "$sock"
expect_status 201 "create a sock"
sock_id=$(jq -r .id <<<"$BODY")
expect_json '[.info_name, .info_color, .info_joining_date] | join(",")' "Lefty,3,$(date -u +%F)" "the sock as stored"
request GET "/api/v1/user/sock/$sock_id/" -H "$(as "$alice_access")"
expect_status 200 "get my sock"
request PUT "/api/v1/user/sock/$sock_id/" -H "$(as "$alice_access")" "${json[@]}" \
  -d "$(jq -c '. + {info_holes: 4, info_name: "Righty"}' <<<"$sock")"
expect_status 202 "update my sock"
expect_json '[.info_holes, .info_name, .info_special] | join(",")' "4,Righty,smells of cinnamon" "a full update"
request PUT "/api/v1/user/sock/$sock_id/" -H "$(as "$alice_access")" "${json[@]}" -d '{"info_holes":5}'
expect_status 400 "PUT of a sock is a full update: the required fields must be sent"
expect_json '[.info_name[0], .info_special[0], .info_color[0]] | unique | join(",")' "This field is required." \
  "each missing required field is named"
request GET "/api/v1/user/sock/$sock_id/" -H "$(as "$alice_access")"
expect_json .info_holes 4 "and the sock is unchanged"
request GET "/api/v1/user/sock/$sock_id/" -H "$(as "$bob_access")"
expect_status 404 "another user's sock is a 404"
request PUT "/api/v1/user/sock/$sock_id/" -H "$(as "$bob_access")" "${json[@]}" -d '{"info_holes":0}'
expect_status 404 "another user cannot update it"
request DELETE "/api/v1/user/sock/$sock_id/" -H "$(as "$bob_access")"
expect_status 404 "another user cannot delete it"
request POST /api/v1/user/sock/ -H "$(as "$alice_access")" "${json[@]}" \
  -d '{"info_name":"","info_color":11,"info_fabric":0,"info_special":"'"$(printf 'x%.0s' {1..251})"'"}'
expect_status 400 "a sock with bad fields"
expect_json '[.info_name, .info_color, .info_fabric, .info_special, .info_size] | map(length > 0) | all' true \
  "each bad or missing field has its error"
request GET /api/v1/user/socks/ -H "$(as "$alice_access")"
expect_status 200 "list my socks"
expect_json '[.count, .results[0].id] | join(",")' "1,$sock_id" "only mine, paginated"
request GET /api/v1/user/sock/abc/ -H "$(as "$alice_access")"
expect_status 404 "a sock id that is not a number"

# --- SQL meta-characters, verbatim -----------------------------------------------
nasty="Robert'); DROP TABLE hotsox_users;-- \\\"%_\$1 ; --"
put_self "$alice_access" "$alice" "$(jq -nc --arg v "$nasty" '{first_name:$v, last_name:$v, info_about:$v, location_city:$v}')"
expect_status 202 "meta-characters in every profile text field"
expect_json '[.first_name, .last_name, .info_about, .location_city] | unique | length' 1 "stored alike"
expect_json .info_about "$nasty" "stored verbatim"
request PUT "/api/v1/user/sock/$sock_id/" -H "$(as "$alice_access")" "${json[@]}" \
  -d "$(jq -c --arg v "$nasty" '. + {info_name:$v, info_about:$v, info_special:$v}' <<<"$sock")"
expect_status 202 "meta-characters in every sock text field"
expect_json "[.info_name, .info_special] | unique | length" 1 "sock text stored alike"
expect_json .info_special "$nasty" "sock text verbatim"

# --- pictures ----------------------------------------------------------------------
pictures=$(mktemp -d)
python3 - "$pictures" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
folder = sys.argv[1]
open(f"{folder}/sock.png", "wb").write(png)
open(f"{folder}/fake.png", "wb").write(b"<?php echo 'not an image'; ?>")
open(f"{folder}/big.jpg", "wb").write(b"\xff\xd8\xff\xe0" + b"\0" * (5 * 1024 * 1024))
open(f"{folder}/huge.jpg", "wb").write(b"\xff\xd8\xff\xe0" + b"\0" * (6 * 1024 * 1024))
PY
request POST "/api/v1/user/sock/$sock_id/profilepic/" -H "$(as "$alice_access")" -F "profile_picture=@$pictures/sock.png"
expect_status 201 "upload a sock picture"
picture_id=$(jq -r .id <<<"$BODY")
picture_url=$(jq -r .profile_picture <<<"$BODY")
picture_file="$MEDIA_DIR/${picture_url#/media/}"
expect_true "stored under a generated name" test -f "$picture_file" -a "${picture_url##*/}" != sock.png
request GET "$picture_url"
expect_status 200 "NGINX serves it at /media/"
expect_header Content-Type '^image/png' "as a PNG"
request GET "/api/v1/user/sock/$sock_id/" -H "$(as "$alice_access")"
expect_json '.profile_picture[0].profile_picture' "$picture_url" "the sock lists its picture"
request POST "/api/v1/user/sock/$sock_id/profilepic/" -H "$(as "$alice_access")" \
  -F "profile_picture=@$pictures/fake.png;type=image/png"
expect_status 400 "a file named .png that is not an image"
expect_json '.profile_picture | length' 1 "field error on profile_picture"
request POST "/api/v1/user/sock/$sock_id/profilepic/" -H "$(as "$alice_access")" -F "profile_picture=@$pictures/big.jpg"
expect_status 400 "a picture over 5 MB (within the upload bound)"
request POST "/api/v1/user/sock/$sock_id/profilepic/" -H "$(as "$alice_access")" -F "profile_picture=@$pictures/huge.jpg"
expect_status 413 "an upload over the bound NGINX and the app share"
expect_header Content-Type '^application/json' "413 in JSON"
request POST "/api/v1/user/sock/$sock_id/profilepic/" -H "$(as "$bob_access")" -F "profile_picture=@$pictures/sock.png"
expect_status 400 "no picture on another user's sock"
expect_json .error "Could not find sock" "the original's message for it"
request POST /api/v1/user/profilepic -H "$(as "$alice_access")" "${json[@]}" -d '{}'
expect_status 415 "an upload that is not multipart"
request POST /api/v1/user/profilepic -H "$(as "$alice_access")" -F "other=@$pictures/sock.png"
expect_status 400 "multipart without profile_picture"
request POST /api/v1/user/profilepic -H "$(as "$alice_access")" -F "profile_picture=@$pictures/sock.png"
expect_status 201 "upload a profile picture"
profile_picture_id=$(jq -r .id <<<"$BODY")
profile_file="$MEDIA_DIR/$(jq -r '.profile_picture | sub("^/media/"; "")' <<<"$BODY")"
request DELETE "/api/v1/user/profilepic/$profile_picture_id" -H "$(as "$bob_access")"
expect_status 400 "another user cannot delete my picture"
expect_json .detail "Not found." "DRF's text, as the original's 400"
request DELETE "/api/v1/user/sock/$sock_id/profilepic/$picture_id" -H "$(as "$alice_access")"
expect_status 204 "delete the sock picture"
# The file goes with its row: at once, or by a background job (HotSox part 2).
wait_gone() { for _ in $(seq 50); do [[ -e $1 ]] || return 0; sleep 0.1; done; return 1; }
expect_true "its file is removed" wait_gone "$picture_file"
request GET "$picture_url"
expect_status 404 "and no longer served"
rm -rf "$pictures"

# --- bad JSON: DRF's JSONParser answers 'JSON parse error - %s' % str(exc) -----------
request POST /api/v1/user/ "${json[@]}" -d '{"username": x}'
expect_status 400 "malformed JSON"
expect_json .detail "JSON parse error - Expecting value: line 1 column 14 (char 13)" "Python's error, where Python stopped"
request POST /api/v1/token/ "${json[@]}" --data-binary $'{\n  "username": "J\xc3\xbcrgen",\n  "password": "x",\n}'
expect_status 400 "a trailing comma"
expect_json .detail \
  "JSON parse error - Expecting property name enclosed in double quotes: line 4 column 1 (char 45)" \
  "lines, columns and characters (not bytes) as Python counts them"
request POST /api/v1/user/ "${json[@]}" --data-binary $'{"username": "\xff"}'
expect_status 400 "a body that is not UTF-8"
expect_json .detail "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 14: invalid start byte" \
  "Python's UnicodeDecodeError"
request POST /api/v1/user/ "${json[@]}" -d '{"username": NaN}'
expect_json .detail "JSON parse error - Out of range float values are not JSON compliant: 'NaN'" \
  "NaN refused as DRF's STRICT_JSON does"

# --- hostile input: a 4xx with a JSON body, never a 5xx ----------------------------
hostile=$(mktemp -d)
printf '%s' '{' >"$hostile/truncated"
printf '%s' '[1, 2,' >"$hostile/array"
printf '{"username": "a\x00b", "info_name": "a\x00b"}' >"$hostile/nul"
printf '{"username": "\xc0\xaf", "info_name": "\xff"}' >"$hostile/bad-utf8"
# shellcheck disable=SC2016 # a MongoDB-style operator, literally
printf '%s' '{"username": {"$gt": ""}, "password": ["x"], "info_color": {"a": 1}, "info_holes": 1e99}' >"$hostile/types"
printf '%s' '{"info_color": 99999999999999999999, "info_age": -1, "info_birthday": "1990-02-30"}' >"$hostile/ranges"
printf '%s' '"just a string"' >"$hostile/string"
head -c 5000 /dev/zero | tr '\0' '[' >"$hostile/deep"
head -c 3000 /dev/urandom >"$hostile/random"
hostile_probe() { # LABEL METHOD PATH [curl options]
  local label=$1 method=$2 path=$3 code
  shift 3
  code=$(curl -s -o "$hostile/answer" -w '%{http_code}' --max-time 10 -X "$method" "$@" "$BASE_URL$path")
  if [[ $code == 4?? ]] && jq -e 'type == "object"' "$hostile/answer" >/dev/null 2>&1; then
    hostile_ok=$((hostile_ok + 1))
  else
    not_ok "$label: $method $path answered $code $(head -c 120 "$hostile/answer")"
  fi
}
hostile_ok=0
for body in truncated array nul bad-utf8 types ranges string deep random; do
  hostile_probe "$body" POST /api/v1/user/ "${json[@]}" --data-binary @"$hostile/$body"
  hostile_probe "$body" POST /api/v1/token/ "${json[@]}" --data-binary @"$hostile/$body"
  hostile_probe "$body" POST /api/v1/token/refresh/ "${json[@]}" --data-binary @"$hostile/$body"
  hostile_probe "$body" PUT /api/v1/user/ -H "$(as "$bob_access")" "${json[@]}" --data-binary @"$hostile/$body"
  hostile_probe "$body" POST /api/v1/user/sock/ -H "$(as "$bob_access")" "${json[@]}" --data-binary @"$hostile/$body"
  hostile_probe "$body" POST /api/v1/user/mail/ -H "$(as "$bob_access")" "${json[@]}" --data-binary @"$hostile/$body"
  hostile_probe "$body" POST /api/v1/user/profilepic -H "$(as "$bob_access")" \
    -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary @"$hostile/$body"
done
# Malformed multipart: no boundary, an invalid one, no closing line, a huge part header, no file.
for content_type in 'multipart/form-data' 'multipart/form-data; boundary=' \
  "multipart/form-data; boundary=$(head -c 100 /dev/zero | tr '\0' b)" 'multipart/form-data; boundary="unclosed'; do
  hostile_probe "content type" POST /api/v1/user/profilepic -H "$(as "$bob_access")" -H "Content-Type: $content_type" \
    --data-binary $'--b\r\nContent-Disposition: form-data; name="profile_picture"\r\n\r\nx\r\n--b--\r\n'
done
hostile_probe "no closing boundary" POST /api/v1/user/profilepic -H "$(as "$bob_access")" \
  -H 'Content-Type: multipart/form-data; boundary=b' \
  --data-binary $'--b\r\nContent-Disposition: form-data; name="profile_picture"; filename="a.png"\r\n\r\n\x89PNG'
hostile_probe "huge part header" POST /api/v1/user/profilepic -H "$(as "$bob_access")" \
  -H 'Content-Type: multipart/form-data; boundary=b' \
  --data-binary "$(printf -- '--b\r\nX-Long: %s\r\n\r\nx\r\n--b--\r\n' "$(head -c 20000 /dev/zero | tr '\0' a)")"
hostile_probe "ids" GET "/api/v1/user/swipe/1%00/next" -H "$(as "$bob_access")"
for id in 0 -1 99999999999999999999 1.5 abc "1;DROP" %FF; do
  hostile_probe "id $id" GET "/api/v1/user/sock/$id/" -H "$(as "$bob_access")"
  hostile_probe "id $id" POST "/api/v1/user/swipe/$id/judge/$id?like=true" -H "$(as "$bob_access")"
  hostile_probe "id $id" DELETE "/api/v1/user/matches/$id/delete" -H "$(as "$bob_access")"
done
hostile_probe "page" GET "/api/v1/user/socks/?page=%FF" -H "$(as "$bob_access")"
hostile_probe "like" POST "/api/v1/user/swipe/1/judge/2?like=%00" -H "$(as "$bob_access")"
expect_true "$hostile_ok hostile requests answered a JSON 4xx" test "$hostile_ok" -gt 80
rm -rf "$hostile"

# --- issue 18: NUL bytes, column limits, invalid UTF-8, logins behind a proxy --------
nul=$(mktemp -d)
form=(-H 'Content-Type: application/x-www-form-urlencoded')
request GET /api/v1/user/ -H "$(as "$bob_access")"
bob_before=$BODY
# A raw NUL in a form field: PostgreSQL stored only what came before it (item 1).
printf 'username=%s&info_gender=3&location_city=Ber\0lin' "$bob" >"$nul/city"
request PUT /api/v1/user/ -H "$(as "$bob_access")" "${form[@]}" --data-binary @"$nul/city"
expect_status 400 "a NUL in a form field (location_city) is refused"
printf 'username=%s&info_gender=3&location_city=Hamburg&first_name=\0' "$bob" >"$nul/first"
request PUT /api/v1/user/ -H "$(as "$bob_access")" "${form[@]}" --data-binary @"$nul/first"
expect_status 400 "a form field that is only a NUL (first_name) is refused"
{
  for field in "username=$bob" info_gender=3 location_city=Hamburg; do
    printf -- '--b\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "${field%%=*}" "${field#*=}"
  done
  printf -- '--b\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nBo\0b\r\n--b--\r\n'
} >"$nul/multipart"
request PUT /api/v1/user/ -H "$(as "$bob_access")" -H 'Content-Type: multipart/form-data; boundary=b' \
  --data-binary @"$nul/multipart"
expect_status 400 "a NUL in a multipart field (first_name) is refused"
request GET /api/v1/user/ -H "$(as "$bob_access")"
expect_true "bob's profile is unchanged by the NUL requests" test "$BODY" = "$bob_before"
printf 'subject=Hi\0there&message=hello' >"$nul/mail"
request POST /api/v1/user/mail/ -H "$(as "$bob_access")" "${form[@]}" --data-binary @"$nul/mail"
expect_status 400 "a NUL in the mail subject is refused"
printf 'info_name=Nul&info_color=1&info_fabric=1&info_fabric_thickness=1&info_brand=1&info_type=1&info_size=1&info_age=1&info_condition=1&info_holes=0&info_kilometers=0&info_inoutdoor=1&info_washed=0&info_special=x\0y' \
  >"$nul/sock"
request POST /api/v1/user/sock/ -H "$(as "$bob_access")" "${form[@]}" --data-binary @"$nul/sock"
expect_status 400 "a NUL in info_special is refused"
request GET /api/v1/user/mail/ -H "$(as "$bob_access")"
expect_json '[.. | strings | select(startswith("Hi"))] | length' 0 "no mail was stored"

# A social URL has at most 255 characters (SPEC-hotsox.md § 1.4); the columns
# were VARCHAR(200), where 235 characters answered 500 (issue 18 item 2).
long_url="https://instagram.com/$(printf 'a%.0s' {1..235})"
put_self "$bob_access" "$bob" "{\"social_instagram\":\"$long_url\"}"
expect_status 400 "a 257-character social URL is a 400, not a 500"
expect_json '.social_instagram[0]' "Ensure this field has no more than 255 characters." "DRF's max_length message"
put_self "$bob_access" "$bob" "{\"social_instagram\":\"${long_url:0:255}\"}"
expect_status 202 "a 255-character social URL is stored"
expect_json '.social_instagram | length' 255 "and answered whole"

# No answer carries bytes that are not UTF-8 (item 4): a lone surrogate escape
# used to become invalid bytes echoed in a field error; a header is echoed in a 415.
utf8_answer() { iconv -f UTF-8 -t UTF-8 <<<"$BODY" >/dev/null 2>&1; }
request PUT /api/v1/user/ -H "$(as "$bob_access")" "${json[@]}" -d '{"info_gender":"\udc00","location_city":"\udfff"}'
expect_status 400 "a lone surrogate escape is refused"
expect_true "and the 400 is UTF-8: ${BODY:0:80}" utf8_answer
request POST /api/v1/user/sock/ -H "$(as "$bob_access")" -H $'Content-Type: text/\xff\xfeplain' --data-binary 'x'
expect_status 415 "an unknown media type that is not UTF-8"
expect_true "and the 415 that names it is UTF-8" utf8_answer
rm -rf "$nul"

# Logins behind a proxy (item 9). The local stack trusts 127.0.0.2 as a proxy
# (tools/dev: NGINX_TRUSTED_PROXIES); from 127.0.0.1 X-Forwarded-For is ignored.
proxy=(--interface 127.0.0.2)
bad_login() { # USERNAME [curl options]
  local name=$1
  shift
  request POST /api/v1/token/ "${json[@]}" "$@" -d "{\"username\":\"$name\",\"password\":\"not the password\"}"
}
clear_login_limits
for attempt in 1 2 3 4 5; do bad_login "nobody_$suffix" -H "X-Forwarded-For: 192.0.2.$attempt"; done
bad_login "nobody_$suffix" -H "X-Forwarded-For: 192.0.2.99"
expect_status 429 "a client cannot pick its own address with X-Forwarded-For"
clear_login_limits
for attempt in 1 2 3 4 5; do bad_login "nobody_$suffix" "${proxy[@]}" -H "X-Forwarded-For: 203.0.113.5"; done
bad_login "nobody_$suffix" "${proxy[@]}" -H "X-Forwarded-For: 203.0.113.5"
expect_status 429 "through the proxy, the attacker's address is limited"
request POST /api/v1/token/ "${json[@]}" "${proxy[@]}" -H "X-Forwarded-For: 203.0.113.6" \
  -d "{\"username\":\"$bob\",\"password\":\"$password\"}"
expect_status 200 "another client behind the same proxy still logs in"
request POST /api/v1/token/ "${json[@]}" "${proxy[@]}" -H "X-Forwarded-For: 198.51.100.7, 203.0.113.5" \
  -d "{\"username\":\"$bob\",\"password\":\"$password\"}"
expect_status 429 "an address prepended by the client does not hide the one the proxy saw"
# Per account: failures from many addresses lock it for a bounded window only.
clear_login_limits
dave="dave_$suffix"
register "$dave"
for attempt in 1 2 3 4 5 6 7 8 9 10; do bad_login "$dave" "${proxy[@]}" -H "X-Forwarded-For: 198.51.100.$attempt"; done
expect_status 401 "ten failures for one account from ten addresses each answer 401"
request POST /api/v1/token/ "${json[@]}" "${proxy[@]}" -H "X-Forwarded-For: 198.51.100.50" \
  -d "{\"username\":\"$dave\",\"password\":\"$password\"}"
expect_status 429 "the account is locked after ten failures, from any address"
expect_header Retry-After '^([1-9]|[1-9][0-9]|[12][0-9][0-9]|300)$' "for at most 300 s (Retry-After)"
account_ttl=$(redis-cli -s "$STACK_DIR/redis.sock" ttl "hotsox:login:account:$dave")
expect_true "the lock has an expiry ($account_ttl s), never forever" test "$account_ttl" -gt 0 -a "$account_ttl" -le 300
request POST /api/v1/token/ "${json[@]}" "${proxy[@]}" -H "X-Forwarded-For: 198.51.100.51" \
  -d "{\"username\":\"$bob\",\"password\":\"$password\"}"
expect_status 200 "other accounts are not locked"
redis-cli -s "$STACK_DIR/redis.sock" del "hotsox:login:account:$dave" >/dev/null  # the window ends
request POST /api/v1/token/ "${json[@]}" "${proxy[@]}" -H "X-Forwarded-For: 198.51.100.52" \
  -d "{\"username\":\"$dave\",\"password\":\"$password\"}"
expect_status 200 "after the window the right password works again"
for attempt in 1 2 3; do bad_login "$dave" "${proxy[@]}" -H "X-Forwarded-For: 198.51.100.60"; done
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$dave\",\"password\":\"$password\"}"
expect_status 200 "a success after some failures"
expect_true "forgets the account's failures" \
  test "$(redis-cli -s "$STACK_DIR/redis.sock" exists "hotsox:login:account:$dave")" = 0
clear_login_limits

# --- deletion ----------------------------------------------------------------------
request DELETE /api/v1/user/ -H "$(as "$alice_access")"
expect_status 204 "delete self"
request GET /api/v1/user/ -H "$(as "$alice_access")"
expect_status 401 "a deleted user's token stops working at once"
request POST /api/v1/token/refresh/ "${json[@]}" -d "{\"refresh\":\"$REFRESH\"}"
expect_status 401 "so does its refresh token"
request GET "/api/v1/user/sock/$sock_id/" -H "$(as "$admin_access")"
expect_status 404 "the socks went with the account"
expect_true "the profile picture's file too" wait_gone "$profile_file"
request GET "/api/v1/users/?page=1" -H "$(as "$admin_access")"
expect_json "[.results[].username] | index(\"$alice\")" null "no longer listed"

finish
