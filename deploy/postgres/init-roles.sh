#!/bin/sh
# Runs once when the postgres container initialises its data volume:
# the owner and app roles and the database, from sql/roles.sql.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
  -v owner_password="$(cat /run/secrets/pg_owner_password)" \
  -v app_password="$(cat /run/secrets/pg_app_password)" \
  -f /docker-entrypoint-initdb.d/roles.sql.in
