#!/usr/bin/env bash
# Users (SPEC.md § Users): the original's documented curl commands and every rule.
source "$(dirname "$0")/lib.sh"

# Ids unique to this run, so the test passes again on a stack that keeps its data.
id=$((RANDOM * 32768 + RANDOM + 1000))
id2=$((id + 1))
id3=$((id + 2))

# The two commands the original documented, verbatim but for the host and id.
host=${BASE_URL#http://}
output=$(curl -s -X POST "$host/create_user?userid=$id&username=John")
BODY=$output
expect_json .message "User creation successful!" "documented create command"
expect_json '.user.userid' "$id" "create echoes the userid as a number"
expect_json '.user.username' John "create echoes the username"
output=$(curl -s "$host/get_user?userid=$id")
BODY=$output
expect_json '.user.username' John "documented get command"
expect_json '.user.userid | type' number "userid is a number"

request POST "/create_user?userid=$id&username=John"
expect_status 409 "existing userid"
expect_json .message "User already exists!" "existing userid message"

request POST "/create_user?username=John"
expect_status 400 "missing userid"
expect_json .message "Please provide userid and username. Got None and John" "missing userid prints None"
request POST "/create_user?userid=&username=John"
expect_status 400 "empty userid"
expect_json .message "Please provide userid and username. Got  and John" "empty userid prints nothing"
request POST "/create_user?userid=$id2"
expect_json .message "Please provide userid and username. Got $id2 and None" "missing username prints None"

request POST "/create_user?userid=abc&username=John"
expect_status 400 "userid not an integer"
expect_json .message "userid must be a whole number from 1 to 2147483647" "says what is wrong with userid"
request POST "/create_user?userid=0&username=John"
expect_status 400 "userid 0"
request POST "/create_user?userid=2147483648&username=John"
expect_status 400 "userid past 2147483647"
request POST "/create_user?userid=$id2&username=$(printf 'x%.0s' $(seq 101))"
expect_status 400 "username of 101 characters"
expect_json .message "username must be at most 100 characters" "says what is wrong with username"

request POST /api/create_user --data-urlencode "userid=$id2" --data-urlencode "username=Ann O'Brien; DROP TABLE x"
expect_status 201 "form body on the /api alias, SQL meta-characters stored verbatim"
request GET "/api/get_user?userid=$id2"
expect_json .user.username "Ann O'Brien; DROP TABLE x" "read back verbatim through the /api alias"

# A multipart form counts as a form (Flask's request.form); a file part is not a field.
multipart_id=$((id + 40))
request POST /create_user -F "userid=$multipart_id" -F "username=Multi Part" -F "ignored=@/dev/null"
expect_status 201 "multipart form body"
expect_json .user.username "Multi Part" "its fields are read"
request POST /create_user -F "userid=@/dev/null" -F "username=x"
expect_status 400 "a file part is not the userid"
expect_json .message "Please provide userid and username. Got None and x" "the original's message"

request POST /create_user -H 'Content-Type: application/json' -d "{\"userid\": $id3, \"username\": \"Zoë\"}"
expect_status 201 "JSON body"
request GET "/get_user?userid=$id3"
expect_json .user.username "Zoë" "JSON body stored with its accent"
request POST /create_user -H 'Content-Type: application/json' -d '{"userid": 5,'
expect_status 400 "malformed JSON body"
expect_json '.message | type' string "malformed JSON body says why"

request GET "/get_user?userid=2147483000"
expect_status 404 "unknown userid"
expect_header Content-Type '^application/json' "404 is JSON"
expect_json .message "User not found" "unknown userid message"
request GET /get_user
expect_status 404 "missing userid on get"
expect_json .message "User not found" "missing userid message"
request GET "/get_user?userid=abc"
expect_status 400 "non-integer userid on get"

# The cache never keeps a "not found": a 404, then a create, then the user.
id4=$((id + 3))
request GET "/get_user?userid=$id4"
expect_status 404 "not yet created"
request POST "/create_user?userid=$id4&username=Later"
expect_status 201 "created after a 404"
request GET "/get_user?userid=$id4"
expect_status 200 "found right after the create (no negative cache entry)"
expect_json .user.username Later "the created user, not a stale answer"

# A raw NUL in a form body: the 201 echoed "ab\u0000cd" while PostgreSQL stored
# "ab", and a lone NUL stored an empty name (issue 18 item 1).
nul_id=$((RANDOM * 1000 + 41))
request POST /create_user -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-binary @<(printf 'userid=%s&username=ab\0cd' "$nul_id")
expect_status 400 "a raw NUL in a form's username"
expect_json '.message | type' string "says why in Users' shape"
request POST /create_user -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-binary @<(printf 'userid=%s&username=\0' "$nul_id")
expect_status 400 "a username that is only a NUL"
request GET "/get_user?userid=$nul_id"
expect_status 404 "nothing was stored"

request GET "/create_user?userid=1&username=John"
expect_status 405 "create with GET"
expect_header Allow '^POST$' "405 says POST"

finish
