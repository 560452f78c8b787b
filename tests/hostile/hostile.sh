#!/usr/bin/env bash
# Hostile input against every route, through NGINX. An invalid request must get
# a 4xx in its route's JSON error shape (never a 5xx, a hang or a dead worker);
# a valid one that merely looks hostile must work and change only what it says;
# nothing else may change.
source "$(dirname "$0")/../http/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
auth=(-H "Authorization: Bearer $ADMIN_TOKEN")

snapshot() {
  psql "$OWNER_DATABASE_URL" -XAt <<'SQL'
SELECT 'phrases', count(*), md5(coalesce(string_agg(id || ':' || phrase, ',' ORDER BY id), '')) FROM phrases;
SELECT 'users', count(*), md5(coalesce(string_agg(userid || ':' || username, ',' ORDER BY userid), '')) FROM registry_users;
SELECT 'birthdays', count(*), md5(coalesce(string_agg(username || ':' || birthday, ',' ORDER BY username), '')) FROM hello_birthdays;
SELECT 'github', count(*), md5(coalesce(string_agg(id || ':' || username, ',' ORDER BY id), '')) FROM github_users;
SQL
}

# A test before this one may have left the pool mid-reload (SIGHUP replaces
# workers one by one after it returns): wait until the same workers stand for
# two seconds, at most 30 s, so the comparison below sees only this test.
workers_before=$(pgrep -P "$APP_PID" | sort | tr '\n' ' ')
for _ in $(seq 30); do
  sleep 2
  workers_now=$(pgrep -P "$APP_PID" | sort | tr '\n' ' ')
  [[ $workers_now == "$workers_before" ]] && break
  workers_before=$workers_now
done
before=$(snapshot)
starts_before=$(metric fcgi_worker_starts_total)
server_errors_before=$(curl -s "$BASE_URL/api/metrics" | grep -c 'status="5' || true)

# --- bodies ---------------------------------------------------------------
printf '%s' '{' >"$work/truncated.json"
printf '%s' '{"phrase": "abc' >"$work/unterminated.json"
printf '%s' '[1, 2,' >"$work/array.json"
printf '%s' 'nul' >"$work/nul-literal.json"
printf '{"phrase": "a\x00b"}' >"$work/nul-byte.json"
printf '{"phrase": "\xc0\xaf"}' >"$work/overlong.json"
printf '{"phrase": "\xff\xfe"}' >"$work/bad-utf8.json"
printf '{"phrase": "\xed\xa0\x80"}' >"$work/surrogate.json"
printf '%s' '{"phrase": 12}' >"$work/number.json"
printf '%s' '{"phrase": ["a"]}' >"$work/list.json"
printf '%s' '{"phrase": {"x": 1}}' >"$work/object.json"
printf '%s' '{"dateOfBirth": 19900101}' >"$work/date-number.json"
printf '%s' '{"dateOfBirth": "1990-01-01\u0000"}' >"$work/date-nul.json"
printf '%s' '{"dateOfBirth": "１９９０-01-01"}' >"$work/date-fullwidth.json"
# shellcheck disable=SC2016 # a MongoDB-style operator, literally
printf '%s' '{"userid": {"$gt": 0}, "username": ["x"]}' >"$work/user-types.json"
printf '%s' '{"userid": 7, "username": "ab\u0000cd"}' >"$work/user-nul.json"
# A lone surrogate escape is valid JSON syntax but no text: jsoncpp decoded it
# into bytes that are not UTF-8, and Users echoed them in its 400 (issue 18 item 4).
printf '%s' '{"phrase": "\udc00", "dateOfBirth": "\udc00", "userid": "\udc00", "username": ""}' >"$work/lone-surrogate.json"
printf '%s' '{"phrase": "x\udfffy", "dateOfBirth": "1990-01-01", "userid": 8, "\udc00": 1, "username": "\ud800"}' \
  >"$work/lone-surrogates.json"
head -c 10000 /dev/zero | tr '\0' '[' >"$work/deep.json"
head -c 10000 /dev/zero | tr '\0' ']' >>"$work/deep.json"
{ printf '{"phrase":'; head -c 10000 /dev/zero | tr '\0' '['; printf '1'; head -c 10000 /dev/zero | tr '\0' ']'; printf '}'; } >"$work/deep-value.json"
head -c 4096 /dev/urandom >"$work/random.bin"
head -c 2000000 /dev/zero | tr '\0' a >"$work/2mb"
head -c 9000000 /dev/zero | tr '\0' a >"$work/9mb"
bodies=(truncated.json unterminated.json array.json nul-literal.json nul-byte.json overlong.json bad-utf8.json
  surrogate.json number.json list.json object.json date-number.json date-nul.json date-fullwidth.json user-types.json
  user-nul.json lone-surrogate.json lone-surrogates.json
  deep.json deep-value.json random.bin)

# --- the check --------------------------------------------------------------
total=0
# probe EXPECT METHOD PATH [curl options...]; EXPECT is 4xx, 2xx or a code.
probe() {
  local expect=$1 method=$2 path=$3
  shift 3
  total=$((total + 1))
  local code body_file=$work/answer
  code=$(curl -s -o "$body_file" -w '%{http_code}' --max-time 10 -X "$method" "$@" "$BASE_URL$path")
  local label="$method ${path:0:70} ${*: -1}"
  label=${label:0:140}
  case $expect in
    4xx) [[ $code == 4?? ]] || { not_ok "$label: expected a 4xx, got $code"; return; } ;;
    2xx) [[ $code == 2?? ]] || { not_ok "$label: expected a 2xx, got $code"; return; } ;;
    *) [[ $code == "$expect" ]] || { not_ok "$label: expected $expect, got $code"; return; } ;;
  esac
  # No answer carries bytes that are not UTF-8, whatever the request held.
  if ! iconv -f UTF-8 -t UTF-8 "$body_file" >/dev/null 2>&1; then
    not_ok "$label: $code answer is not UTF-8: $(head -c 120 "$body_file" | od -c | head -3)"
    return
  fi
  if [[ $code == 4?? ]]; then
    # The platform shape or the message-only shape of Users and Hello.
    if ! jq -e '(.message | type == "string") and ((.error | type == "string") or (keys == ["message"]))' "$body_file" >/dev/null 2>&1; then
      not_ok "$label: $code is not a JSON error: $(head -c 120 "$body_file")"
      return
    fi
  fi
  ok "$label -> $code"
}

json=(-H 'Content-Type: application/json')
# Every body against every route that reads one.
for body in "${bodies[@]}"; do
  probe 4xx POST /api/phrases "${auth[@]}" "${json[@]}" --data-binary @"$work/$body"
  probe 4xx PUT /hello/Hostile "${json[@]}" --data-binary @"$work/$body"
  probe 4xx PUT /api/hello/Hostile "${json[@]}" --data-binary @"$work/$body"
  probe 4xx POST /create_user "${json[@]}" --data-binary @"$work/$body"
  probe 4xx POST /api/create_user "${json[@]}" --data-binary @"$work/$body"
  probe 4xx POST /create_user -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$work/$body"
done
for size in 2mb 9mb; do
  probe 413 POST /api/phrases "${auth[@]}" "${json[@]}" --data-binary @"$work/$size"
  probe 413 PUT /hello/Hostile "${json[@]}" --data-binary @"$work/$size"
  probe 413 POST /create_user "${json[@]}" --data-binary @"$work/$size"
  probe 413 GET /api/get-current-phrase --data-binary @"$work/$size"
done

# Bad percent-encoding, bad UTF-8, overlong forms and NUL bytes in paths and queries.
for bad in %zz % %4 %C0%AF %FF %ED%A0%80 %00 %E2%82 a%00b; do
  probe 4xx GET "/hello/$bad"
  probe 4xx PUT "/hello/$bad" "${json[@]}" -d '{"dateOfBirth":"1990-01-01"}'
  probe 4xx GET "/get_user?userid=$bad"
  probe 4xx POST "/create_user?userid=1&username=$bad"
  probe 4xx GET "/api/users/profiles?page=$bad"
  probe 4xx GET "/api/users/profiles?id=$bad"
  probe 4xx GET "/api/phrases?pagination=$bad"
  probe 4xx DELETE "/api/phrases/$bad" "${auth[@]}"
  probe 4xx GET "/api/$bad"
done
# Text that is not UTF-8 never reaches PostgreSQL (it would refuse it mid-query).
for bad in %FF %C0%AF %ED%A0%80 ok%FEok %F4%90%80%80 %E2%82; do
  probe 4xx GET "/api/users/profiles?username=$bad"
  probe 4xx GET "/api/users/profiles?username=$bad&order_by=type"
  probe 4xx POST /create_user -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "userid=5&username=$bad"
  probe 4xx GET "/api/phrases?x=$bad"
done
# A raw NUL byte is valid UTF-8 but no text here: PostgreSQL kept only what came
# before it while the 201 echoed it all, and a lone NUL stored an empty name
# (issue 18 item 1). Forms and queries refuse it as they refuse %00.
form=(-H 'Content-Type: application/x-www-form-urlencoded')
printf 'userid=71&username=ab\0cd' >"$work/form-nul"
printf 'userid=72&username=\0' >"$work/form-nul-only"
printf 'userid=7\03&username=x' >"$work/form-nul-id"
printf 'user\0id=74&username=x' >"$work/form-nul-name"
for body in form-nul form-nul-only form-nul-id form-nul-name; do
  probe 400 POST /create_user "${form[@]}" --data-binary @"$work/$body"
  probe 400 POST /api/create_user "${form[@]}" --data-binary @"$work/$body"
done
for id in 71 72 73 74; do probe 404 GET "/get_user?userid=$id"; done

# Wrong types and values in queries.
for value in -1 0 1.5 1e9 0x10 99999999999999999999 '' ' ' abc '1;DROP%20TABLE%20phrases' "'%20OR%201=1"; do
  probe 4xx GET "/get_user?userid=${value// /%20}"
  probe 4xx GET "/api/users/profiles?page=${value// /%20}"
  probe 4xx GET "/api/users/profiles?pagination=${value// /%20}"
done

# 10,000 repeated keys: the request line is over NGINX's limit (414, in JSON).
repeated=$(printf 'a=1&%.0s' $(seq 10000))
probe 4xx GET "/api/users/profiles?$repeated"
probe 4xx GET "/get_user?$repeated"
# 500 repeated keys fit: the first value counts.
repeated=$(printf 'page=1&%.0s' $(seq 500))
probe 2xx GET "/api/users/profiles?$repeated"
# Very long paths and header values.
long=$(head -c 10000 /dev/zero | tr '\0' a)
probe 4xx GET "/hello/$long"
probe 4xx GET "/api/$long"
probe 4xx GET /api/health -H "X-Long: $long$long"
probe 4xx GET /api/phrases -H "Authorization: Bearer $long$long"
probe 4xx POST /api/phrases -H "Authorization: Bearer $long" "${json[@]}" -d '{"phrase":"x"}'

# Path traversal: nothing outside html/ is ever served.
for path in '/../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/phgen/..%2f..%2f..%2fetc/passwd' \
  '/media/../../etc/passwd' '/media/..%2f..%2fetc%2fpasswd' '/assets/%2e%2e%2f%2e%2e%2fnginx.conf' '/..;/etc/passwd'; do
  total=$((total + 1))
  code=$(curl -s --path-as-is -o "$work/answer" -w '%{http_code}' "$BASE_URL$path")
  if [[ $code == 4?? ]] && ! grep -q 'root:' "$work/answer"; then ok "traversal $path -> $code"; else not_ok "traversal $path -> $code"; fi
done

# Methods a route does not allow: 405 with Allow; unknown methods too.
for method in PATCH DELETE PUT POST OPTIONS FOO; do
  probe 4xx "$method" /api/get-current-phrase
  probe 4xx "$method" /get_user
  probe 4xx "$method" /api/users/profiles
  probe 4xx "$method" /api/health
done
for method in GET PATCH; do
  probe 4xx "$method" /create_user
  probe 4xx "$method" /api/phrases/1 "${auth[@]}"
done
probe 4xx PATCH /hello/Hostile
probe 4xx TRACE /api/health

# Valid requests that look hostile: stored verbatim, found literally, nothing else changes.
probe 2xx GET "/api/users/profiles?username=%27%20OR%201%3D1%20--"
probe 2xx GET "/api/users/profiles?username=%25%25%25"
probe 2xx GET "/api/users/profiles?username=%24%28rm%20-rf%20%2F%29%60id%60%7C%26%3B"
request GET "/api/users/profiles?username=%27%20OR%201%3D1%20--"
expect_json .total 0 "an SQL-looking search matches nothing (it is a literal)"

# Afterwards: the pool is intact, nothing answered 5xx, nothing changed.
sleep 0.5
after=$(snapshot)
expect_true "stored data unchanged by $total hostile requests" test "$before" = "$after"
expect_true "every worker survived (no restart)" test "$(metric fcgi_worker_starts_total)" = "$starts_before"
expect_true "the same worker processes" test "$(pgrep -P "$APP_PID" | sort | tr '\n' ' ')" = "$workers_before"
server_errors_after=$(curl -s "$BASE_URL/api/metrics" | grep -c 'status="5' || true)
expect_true "no new 5xx in the metrics" test "$server_errors_after" = "$server_errors_before"
request GET /api/ready
expect_status 200 "still ready"
echo "hostile requests sent: $total"
finish
