#!/usr/bin/env bash
# Runs after every other test has used the stack: no secret may appear in any
# log (the app's JSON access log, NGINX's access and error logs, PostgreSQL's,
# Redis's). The admin token was sent in headers and the passwords are in
# connection strings; the logs record paths, never queries, headers or bodies.
source "$(dirname "$0")/../http/lib.sh"

# One more request carrying every secret in the places a careless log would keep.
request POST "/api/phrases?token=$ADMIN_TOKEN" -H "Authorization: Bearer $ADMIN_TOKEN" -d "{\"phrase\":\"$ADMIN_TOKEN\"}"
request DELETE "/api/phrases/$(jq -r '.id // 0' <<<"$BODY")" -H "Authorization: Bearer $ADMIN_TOKEN"
sleep 0.5

logs=$(find "$STACK_DIR/logs" "$STACK_DIR/nginx/logs" -type f 2>/dev/null)
expect_true "there are logs to read ($(wc -w <<<"$logs") files)" test -n "$logs"
for name in admin_token pg_app_password pg_owner_password; do
  secret=$(cat "$STACK_DIR/secrets/$name")
  # shellcheck disable=SC2086
  hits=$(grep -F -l -- "$secret" $logs 2>/dev/null | tr '\n' ' ')
  expect_true "$name appears in no log${hits:+ (found in $hits)}" test -z "$hits"
done
finish
