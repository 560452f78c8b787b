# shellcheck shell=bash
# Helpers of the tests of HotSox's DRF surface (hotsox, hotsox_swipe,
# hotsox_drf_contract): accounts, their tokens, judging. Sources lib.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

password='correct horse 9'
declare -A token id

# register NAME [EXTRA_JSON]: POST /api/v1/user/ with a valid adult profile and
# EXTRA_JSON's fields; id[NAME] is the new account's id.
register() {
  request POST /api/v1/user/ -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"email\":\"$1@example.com\",
    \"password\":\"$password\",\"info_birthday\":\"1990-05-17\",\"info_gender\":\"3\",
    \"location_city\":\"Hamburg\"${2:+,$2}}"
  # shellcheck disable=SC2034 # read by the tests that source this
  id[$1]=$(jq -r .id <<<"$BODY" 2>/dev/null)
}
# login NAME: token[NAME], ACCESS and REFRESH are NAME's tokens.
login() {
  request POST /api/v1/token/ -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}"
  ACCESS=$(jq -r .access <<<"$BODY")
  # shellcheck disable=SC2034 # read by the tests that source this
  REFRESH=$(jq -r .refresh <<<"$BODY")
  token[$1]=$ACCESS
}
# auth NAME: the Authorization header of NAME's access token.
auth() { echo "Authorization: Bearer ${token[$1]}"; }
# judge USER MY_SOCK OTHER_SOCK [LIKE]
judge() { request POST "/api/v1/user/swipe/$2/judge/$3${4:+?like=$4}" -H "$(auth "$1")"; }
