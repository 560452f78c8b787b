#!/bin/bash
# The official image's contract, in short (see the Dockerfile).
set -euo pipefail

file_env() {
  local var=$1 file_var=${1}_FILE default=${2:-}
  if [[ -n ${!var:-} && -n ${!file_var:-} ]]; then
    echo "both $var and $file_var are set" >&2; exit 1
  fi
  local value=$default
  if [[ -n ${!var:-} ]]; then value=${!var}; elif [[ -n ${!file_var:-} ]]; then value=$(<"${!file_var}"); fi
  export "$var=$value"
  unset "$file_var"
}

if [[ ${1:-} != postgres ]]; then exec "$@"; fi

file_env POSTGRES_PASSWORD
file_env POSTGRES_USER postgres
file_env POSTGRES_DB "$POSTGRES_USER"

if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  [[ -n $POSTGRES_PASSWORD ]] || { echo "POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE must be set" >&2; exit 1; }
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, as in the official image
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --encoding=UTF8 \
    --auth-local=trust --auth-host=scram-sha-256 ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA" >/dev/null
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  # Initialisation on a server only the unix socket reaches, as the official image does.
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" start >/dev/null
  export PGUSER=$POSTGRES_USER PGHOST=/var/run/postgresql
  if [[ $POSTGRES_DB != postgres ]]; then
    psql -v ON_ERROR_STOP=1 --dbname postgres -c "CREATE DATABASE \"$POSTGRES_DB\"" >/dev/null
  fi
  # shellcheck source=/dev/null # the image user's scripts
  for file in /docker-entrypoint-initdb.d/*; do
    case $file in
      *.sh) echo "running $file"; if [[ -x $file ]]; then "$file"; else . "$file"; fi ;;
      *.sql) echo "running $file"; psql -v ON_ERROR_STOP=1 --dbname "$POSTGRES_DB" -f "$file" ;;
      *) echo "ignoring $file" ;;
    esac
  done
  unset PGUSER PGHOST
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql
