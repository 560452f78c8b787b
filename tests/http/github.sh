#!/usr/bin/env bash
# GitHub users (SPEC.md § GitHub users): seeding, the paginated API, its cache, the page.
source "$(dirname "$0")/lib.sh"

seed() { DATABASE_URL=$OWNER_DATABASE_URL "$FCGI_APP" seed github "$@"; }
owner_sql() { psql "$OWNER_DATABASE_URL" -XAtc "$1"; }

seed --total 150 --random-seed 1 >/dev/null
expect_true "seed 150 profiles" test "$(owner_sql 'SELECT count(*) FROM github_users')" = 150

request GET /api/users/profiles
expect_status 200 "defaults"
expect_json '[.page, .pagination, .total, .pages] | @csv' '1,25,150,6' "page 1 of 6, 25 a page"
expect_json '[.has_prev, .has_next, .prev_num, .next_num] | @csv' 'false,true,,2' "neighbours of page 1"
expect_json '.users | length' 25 "25 users"
expect_json '.users[0] | keys | join(",")' 'id,image_url,profile_url,type,username' "the original's user keys"
expect_json '[.users[].id] == ([.users[].id] | sort)' true "ordered by id"
expect_json '.users[0] | (.image_url == "https://avatars.githubusercontent.com/u/\(.id)?v=4")' true "avatar URL from the id"
expect_json '.users[0] | (.profile_url == "https://github.com/\(.username)")' true "profile URL from the login"

request GET '/api/users/profiles?page=6&pagination=25'
expect_json '[.has_prev, .has_next, .prev_num, .next_num, (.users | length)] | @csv' 'true,false,5,,25' "the last page"
request GET '/api/users/profiles?page=2&pagination=100'
expect_json '[.pages, (.users | length)] | @csv' '2,50' "pagination 100"

for query in page=abc pagination=abc pagination=0 pagination=101 id=x; do
  request GET "/api/users/profiles?$query"
  expect_status 400 "$query"
  expect_error_shape bad_request "$query"
done
for query in page=0 page=7 page=-1 'username=ab&page=99999999999' 'username=abcd&page=9223372036854775807' \
  'username=A&order_by=type&page=9223372036854775807' 'page=9223372036854775807&pagination=100'; do
  request GET "/api/users/profiles?$query"
  expect_status 404 "$query"
done

# Walking every page in type order: every row once, organizations first, ties by id.
walk() { # order -> one "type id" per line over all pages
  local page=1
  while :; do
    request GET "/api/users/profiles?order_by=$1&pagination=20&page=$page"
    jq -r '.users[] | "\(.type) \(.id)"' <<<"$BODY"
    [[ $(jq -r .has_next <<<"$BODY") == true ]] || break
    page=$((page + 1))
  done
}
by_type=$(walk type)
expect_true "type order walks 150 rows" test "$(wc -l <<<"$by_type")" = 150
expect_true "no row twice in type order" test "$(sort -u <<<"$by_type" | wc -l)" = 150
expect_true "type order is (type, id) ascending" test "$by_type" = "$(sort -k1,1 -k2,2n <<<"$by_type")"
expect_true "the same rows in both orders" test "$(sort <<<"$by_type")" = "$(walk id | sort)"
request GET '/api/users/profiles?order_by=nonsense&pagination=5'
expect_json '[.users[].id] == ([.users[].id] | sort)' true "an unknown order_by means id"

# Username: a case-insensitive substring; id: an exact match.
login=$(owner_sql "SELECT username FROM github_users ORDER BY id LIMIT 1 OFFSET 7")
part=$(tr '[:lower:]' '[:upper:]' <<<"${login:1:3}")
request GET "/api/users/profiles?username=$part&pagination=100"
expected=$(owner_sql "SELECT count(*) FROM github_users WHERE lower(username) LIKE '%' || lower('$part') || '%'")
expect_json .total "$expected" "username '$part' matches $expected, ignoring case"
expect_true "every match contains '$part'" bash -c "jq -r '.users[].username' <<<'$BODY' | grep -viqF '$part' && exit 1 || exit 0"
request GET "/api/users/profiles?username=a_b%25"
expect_json .total 0 "LIKE wildcards in the search are literal"
id=$(owner_sql "SELECT id FROM github_users ORDER BY id LIMIT 1 OFFSET 3")
request GET "/api/users/profiles?id=$id"
expect_json "[.total, .users[0].id] | @csv" "1,$id" "id filter"
request GET "/api/users/profiles?id=999999999"
expect_json '[.total, .pages, (.users | length)] | @csv' '0,0,0' "unknown id: an empty first page"

# Seeding writes the same rows for the same random seed as the row-by-row COPY
# it replaced did (this checksum was taken from that seed's table).
seed --total 2000 --random-seed 5 >/dev/null
rows_md5=$(owner_sql "SELECT md5(string_agg(concat_ws('|', id, username, image_url, type, profile_url, id_rank, type_rank), ',' ORDER BY id)) FROM github_users")
expect_true "seed 5 writes the rows it always wrote ($rows_md5)" test "$rows_md5" = "db89d007a6e27f9fd4f5c6c846cb71c2"
expect_true "the seed counted the short terms" test "$(owner_sql 'SELECT term_counts_ready FROM github_users_meta')" = t

# Counts stay exact whichever way they are found: counted by the seed (1 to 3
# ASCII characters) or in SQL (longer or non-ASCII terms); pages follow.
login=$(owner_sql "SELECT username FROM github_users ORDER BY id LIMIT 1 OFFSET 11")
lower_login=$(tr '[:upper:]' '[:lower:]' <<<"$login")
for term in a E ab Zh "${lower_login:0:3}" "$(tr '[:lower:]' '[:upper:]' <<<"${lower_login:1:3}")" "${lower_login:0:4}" \
  "$lower_login" - 1 19 qqq a_ a%25 %5C %C3%A9 ab%C3%A9 xyzw; do
  decoded=$(printf '%b' "${term//%/\\x}")
  request GET "/api/users/profiles?username=$term&pagination=7"
  expected=$(psql "$OWNER_DATABASE_URL" -XAt -v term="$decoded" \
    <<<"SELECT count(*) FROM github_users WHERE strpos(lower(username), lower(:'term')) > 0")
  expect_json '[.total, .pages] | @csv' "$expected,$(( (expected + 6) / 7 ))" "'$decoded' matches $expected rows (direct count)"
done
# A deep page of a common term holds the rows a direct query finds there.
expected=$(owner_sql "SELECT string_agg(id::text, ',' ORDER BY id) FROM (SELECT id FROM github_users
  WHERE strpos(lower(username), 'a') > 0 ORDER BY id LIMIT 7 OFFSET 70) AS page")
request GET "/api/users/profiles?username=A&pagination=7&page=11"
expect_json '[.users[].id] | join(",")' "$expected" "page 11 of a common term"

# Pages of short terms equal a plain query's, in both orders, whichever way
# they are found: among the matches the seed listed (the first 125 in each
# order), by trigram past them (where fetching every match costs less than the
# walk), or walking on from the last listed match; a page across the list's end too.
page_ids() { # term order pagination page -> the ids a direct query finds on that page
  local order=id
  [[ $2 == type ]] && order="type, id"
  psql "$OWNER_DATABASE_URL" -XAt -v term="$1" <<<"SELECT coalesce(string_agg(id::text, ',' ORDER BY $order), '')
    FROM (SELECT id, type FROM github_users WHERE strpos(lower(username), lower(:'term')) > 0
          ORDER BY $order LIMIT $3 OFFSET $(( ($4 - 1) * $3 ))) AS page"
}
check_pages() { # label term pagination pages...
  local label=$1 term=$2 pagination=$3 order page
  shift 3
  for order in id type; do
    for page in "$@"; do
      request GET "/api/users/profiles?username=$term&order_by=$order&pagination=$pagination&page=$page"
      expect_json '[.users[].id] | join(",")' "$(page_ids "$term" "$order" "$pagination" "$page")" \
        "$label '$term' by $order, page $page of $pagination"
    done
  done
}
pick_terms() { # -> picked: a rare pair, a 3-letter term from each range of counts, a hyphened one; each with its count
  local range
  # A rare pair of letters or digits first: its pages past the list are found
  # by trigrams (ProfileStore::page, pair_matches), not by a walk.
  picked=("$(owner_sql "SELECT term || ' ' || total FROM github_users_term_counts WHERE term ~ '^[a-z0-9]{2}$'
    AND total BETWEEN 150 AND 400 ORDER BY total, term LIMIT 1")")
  for range in "1 25" "26 125" "126 400" "401 1000000"; do
    picked+=("$(owner_sql "SELECT term || ' ' || total FROM github_users_term_counts WHERE length(term) = 3
      AND total BETWEEN ${range% *} AND ${range#* } ORDER BY total DESC, term LIMIT 1")")
  done
  # A hyphen splits trigrams, so no index finds such a term's matches: its
  # pages past the list walk from the block of ranks before them.
  picked+=("$(owner_sql "SELECT term || ' ' || total FROM github_users_term_counts WHERE length(term) = 3
    AND term LIKE '%-%' ORDER BY total DESC, term LIMIT 1")")
}
check_short_terms() { # label; the terms picked
  local term total last pages
  for entry in "${picked[@]}"; do
    read -r term total <<<"$entry"
    last=$(( (total + 24) / 25 ))
    # Page 5 ends the list, page 6 follows it; each page once, none past the last.
    mapfile -t pages < <(printf '%s\n' 1 5 6 "$last" | awk -v last="$last" '$1 <= last' | sort -nu)
    check_pages "$1" "$term" 25 "${pages[@]}"
  done
  check_pages "$1" "$(tr '[:lower:]' '[:upper:]' <<<"$term")" 30 4 5 6  # upper case; page 5 holds matches 121-150
  check_pages "$1" e 100 1 2 40
  # A common pair's deep pages: walks from the block of ranks before them.
  read -r term total <<<"$(owner_sql "SELECT term || ' ' || total FROM github_users_term_counts
    WHERE length(term) = 2 ORDER BY total DESC, term LIMIT 1")"
  [[ -n $term ]] || read -r term total <<<"an $(owner_sql "SELECT count(*) FROM github_users WHERE strpos(lower(username), 'an') > 0")"
  last=$(( (total + 24) / 25 ))
  check_pages "$1" "$term" 25 $(( last / 2 )) $(( last - 1 )) "$last"
}
seed --total 20000 --random-seed 6 >/dev/null
pick_terms
check_short_terms "listed:"
request GET "/api/users/profiles?username=qqq&order_by=type"
expect_json '[.total, .pages, (.users | length)] | @csv' '0,0,0' "a term no username holds"
# Without the seed's counts (as after the migration, before any seed) the
# counts and pages come from SQL alone.
owner_sql "UPDATE github_users_meta SET term_counts_ready = FALSE; TRUNCATE github_users_term_counts" >/dev/null
redis-cli -s "$STACK_DIR/redis.sock" INCR github:profiles:generation >/dev/null
check_short_terms "not listed:"
# A reseed lists the new rows' matches.
seed --total 20000 --random-seed 8 >/dev/null
pick_terms
check_short_terms "reseeded:"
# A longer term's count and page come from one scan of its matches: its pages
# equal a plain query's in both orders, the last one too, and none follows it.
long_term=$(owner_sql "SELECT substr(lower(username), 2, 4) AS t FROM github_users GROUP BY t ORDER BY count(*) DESC, t LIMIT 1")
long_total=$(psql "$OWNER_DATABASE_URL" -XAt -v term="$long_term" \
  <<<"SELECT count(*) FROM github_users WHERE strpos(lower(username), :'term') > 0")
long_last=$(( (long_total + 6) / 7 ))
check_pages "4 letters:" "$long_term" 7 1 2 "$long_last"
request GET "/api/users/profiles?username=$long_term&pagination=7&page=$((long_last + 1))"
expect_status 404 "past the last page of '$long_term' ($long_total matches)"
# Counted with its page, a longer term's count is kept in KeyDB for its other
# pages and for the other workers (who wait on the first one's claim instead of
# counting too), even when the page asked lies past the last.
fresh_term=$(owner_sql "SELECT substr(lower(username), 3, 4) AS t FROM github_users GROUP BY t ORDER BY count(*) DESC, t LIMIT 1")
fresh_total=$(psql "$OWNER_DATABASE_URL" -XAt -v term="$fresh_term" \
  <<<"SELECT count(*) FROM github_users WHERE strpos(lower(username), :'term') > 0")
request GET "/api/users/profiles?username=$fresh_term&page=9999"
expect_status 404 "a page far past the last of '$fresh_term'"
count_kept() {
  [[ $(redis-cli -s "$STACK_DIR/redis.sock" --scan --pattern "github:count:*&username=$fresh_term" |
    head -1 | xargs -r redis-cli -s "$STACK_DIR/redis.sock" get) == "$fresh_total" ]]
}
expect_true "its count ($fresh_total) is kept all the same" wait_for 3 count_kept
request GET "/api/users/profiles?username=$fresh_term"
expect_json .total "$fresh_total" "and its first page has that total"
# A kept count that is not a number (anything can write to KeyDB) is counted
# again: the exact total, not a 500.
count_key=$(redis-cli -s "$STACK_DIR/redis.sock" --scan --pattern "github:count:*&username=$fresh_term" | head -1)
redis-cli -s "$STACK_DIR/redis.sock" set "$count_key" "12abc" >/dev/null
request GET "/api/users/profiles?username=$fresh_term&pagination=1&page=2"
expect_json .total "$fresh_total" "a garbled kept count is counted again"

# The cache: a hit keeps the answer even when the table changes underneath;
# a reseed retires every cached answer at once.
query="/api/users/profiles?pagination=3&page=2"
request GET "$query"
cached_first=$(jq -r '.users[0].username' <<<"$BODY")
owner_sql "UPDATE github_users SET username = 'changed-underneath' WHERE id = $(jq -r '.users[0].id' <<<"$BODY")" >/dev/null
# Asked for again and again, the answer is kept in every worker's memory too
# (kept_answers.h): the reseed must retire those copies as well.
for attempt in 1 2 3 4 5 6; do
  request GET "$query"
  expect_json '.users[0].username' "$cached_first" "request $((attempt + 1)) is a cache hit"
done
# A short term's listed page, kept by every worker: the reseed retires it too.
short_query="/api/users/profiles?username=a&pagination=4"
for _ in $(seq 8); do request GET "$short_query"; done
short_before=$(jq -c '[.total, [.users[].id]]' <<<"$BODY")
seed --total 150 --random-seed 2 >/dev/null
for attempt in 1 2 3 4 5 6; do
  request GET "$query"
  expect_true "a reseed invalidates cached answers (request $attempt after it)" \
    test "$(jq -r '.users[0].username' <<<"$BODY")" != "$cached_first"
done
short_total=$(owner_sql "SELECT count(*) FROM github_users WHERE strpos(lower(username), 'a') > 0")
short_ids=$(owner_sql "SELECT string_agg(id::text, ',' ORDER BY id) FROM (SELECT id FROM github_users
  WHERE strpos(lower(username), 'a') > 0 ORDER BY id LIMIT 4) first")
for attempt in 1 2 3 4 5 6; do
  request GET "$short_query"
  expect_json '[.total, [.users[].id]] | @json' "[$short_total,[$short_ids]]" \
    "a reseed retires kept short-term pages too (request $attempt after it; before: $short_before)"
done

# --from-json: a good file replaces the table; a malformed one changes nothing.
good=$(mktemp)
cat >"$good" <<'JSON'
[{"login":"mojombo","id":1,"avatar_url":"https://avatars.githubusercontent.com/u/1?v=4","type":"User","html_url":"https://github.com/mojombo"},
 {"login":"defunkt","id":2,"avatar_url":"https://avatars.githubusercontent.com/u/2?v=4","type":"User","html_url":"https://github.com/defunkt"},
 {"login":"github","id":9919,"avatar_url":"https://avatars.githubusercontent.com/u/9919?v=4","type":"Organization","html_url":"https://github.com/github"}]
JSON
expect_true "seed --from-json a good file" seed --from-json "$good"
request GET /api/users/profiles
expect_json '[.total, .users[0].username, .users[2].type] | @csv' '3,"mojombo","Organization"' "the imported profiles"
printf '[{"login":"a","id":1,"avatar_url":"x","type":"User"}]' >"$good"
expect_true "seed --from-json refuses a malformed file" bash -c "! DATABASE_URL='$OWNER_DATABASE_URL' '$FCGI_APP' seed github --from-json '$good' 2>/dev/null"
error=$(DATABASE_URL=$OWNER_DATABASE_URL "$FCGI_APP" seed github --from-json "$good" 2>&1)
expect_true "the refusal names the problem ($error)" grep -q "html_url" <<<"$error"
request GET /api/users/profiles
expect_json .total 3 "a malformed file changed nothing"
rm -f "$good"

# The page: one static page for /, /users, /users/<n>, /users/page/<n>.
for path in / /users /users/2 /users/page/2 '/users/3?pagination=10'; do
  request GET "$path"
  expect_status 200 "page $path"
  # The original's view test expects this title on / and /users.
  expect_true "page $path is titled 'Python Test GitHub Users'" grep -q '<title>Python Test GitHub Users</title>' <<<"$BODY"
done
request GET /vendor/bootstrap/bootstrap.min.css
expect_status 200 "Bootstrap is served locally"

seed --total 150 >/dev/null
finish
