#!/usr/bin/env bash
# Runs after every other test has used the stack: no secret may appear in any
# log (the app's JSON access log, NGINX's access and error logs, PostgreSQL's,
# Redis's). The admin token was sent in headers and the passwords are in
# connection strings; the logs record paths, never queries, headers or bodies.
source "$(dirname "$0")/../http/lib.sh"

# One more request carrying every secret in the places a careless log would keep.
request POST "/api/phrases?token=$ADMIN_TOKEN" -H "Authorization: Bearer $ADMIN_TOKEN" -d "{\"phrase\":\"$ADMIN_TOKEN\"}"
request DELETE "/api/phrases/$(jq -r '.id // 0' <<<"$BODY")" -H "Authorization: Bearer $ADMIN_TOKEN"
# HotSox: a password at registration, login and a failed login; the tokens
# it gets in headers and in a refresh body.
sox_user="secrets_$run_id"
sox_password="Pw-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
json=(-H 'Content-Type: application/json')
request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"$sox_user\",\"email\":\"$sox_user@example.com\",
  \"password\":\"$sox_password\",\"info_birthday\":\"1990-01-01\",\"info_gender\":\"1\",\"location_city\":\"Kiel\"}"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$sox_user\",\"password\":\"$sox_password\"}"
sox_access=$(jq -r .access <<<"$BODY")
sox_refresh=$(jq -r .refresh <<<"$BODY")
request POST /api/v1/token/refresh/ "${json[@]}" -d "{\"refresh\":\"$sox_refresh\"}"
request GET "/api/v1/user/?token=$sox_access" -H "Authorization: Bearer $sox_access"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$sox_user\",\"password\":\"$sox_password-wrong\"}"
request DELETE /api/v1/user/ -H "Authorization: Bearer $sox_access"
sleep 1.5 # access logs are written in batches: NGINX's within 1 s, the app's within 0.1 s

logs=$(find "$STACK_DIR/logs" "$STACK_DIR/nginx/logs" -type f 2>/dev/null)
expect_true "there are logs to read ($(wc -w <<<"$logs") files)" test -n "$logs"
for name in admin_token pg_app_password pg_owner_password; do
  secret=$(cat "$STACK_DIR/secrets/$name")
  # shellcheck disable=SC2086
  hits=$(grep -F -l -- "$secret" $logs 2>/dev/null | tr '\n' ' ')
  expect_true "$name appears in no log${hits:+ (found in $hits)}" test -z "$hits"
done
for name in jwt_secret sox_password sox_access sox_refresh; do
  if [[ $name == jwt_secret ]]; then secret=$(cat "$STACK_DIR/secrets/jwt_secret"); else secret=${!name}; fi
  # shellcheck disable=SC2086
  hits=$(grep -F -l -- "$secret" $logs 2>/dev/null | tr '\n' ' ')
  expect_true "$name appears in no log${hits:+ (found in $hits)}" test -z "$hits"
done
finish
