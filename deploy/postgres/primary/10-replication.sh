#!/usr/bin/env bash
# The primary's side of streaming replication (docker-compose.yml, profile scale): a replication role and
# the pg_hba line that lets it connect. The official postgres image runs this once, when it creates the
# database cluster; on a cluster created before, run it by hand (it is idempotent and reloads the config):
#   docker compose exec db bash /docker-entrypoint-initdb.d/10-replication.sh
# wal_level (replica), max_wal_senders (10) and hot_standby (on) are PostgreSQL 16's defaults.
set -euo pipefail
: "${REPLICATION_USER:=replicator}"
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD (docker-compose.yml: SHOP_REPLICATION_PASSWORD)}"
PGDATA=${PGDATA:-/var/lib/postgresql/data}
psql=(psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres)

"${psql[@]}" -v user="$REPLICATION_USER" -v password="$REPLICATION_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'user', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'user', :'password') \gexec
-- WAL kept for a replica that was down for a while (it catches up instead of needing a new base backup)
ALTER SYSTEM SET wal_keep_size = '1GB';
-- a few Odoo nodes with their workers: room for their connections (the replica copies this setting)
ALTER SYSTEM SET max_connections = 200;
SQL

line="host replication $REPLICATION_USER all scram-sha-256"
grep -qxF "$line" "$PGDATA/pg_hba.conf" || echo "$line" >>"$PGDATA/pg_hba.conf"
"${psql[@]}" -c "SELECT pg_reload_conf()" >/dev/null
