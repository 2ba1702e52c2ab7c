#!/usr/bin/env bash
# Entry point of the streaming replica (docker-compose.yml, service db-replica, profile scale).
# First start (empty data directory): copy the primary with pg_basebackup -R, which writes
# standby.signal and primary_conninfo, so PostgreSQL starts as a hot standby that follows the primary.
# Then (every start) hand over to the official image's entrypoint, which runs it as user postgres.
set -euo pipefail
PGDATA=${PGDATA:-/var/lib/postgresql/data}
: "${PRIMARY_HOST:=db}" "${PRIMARY_PORT:=5432}" "${REPLICATION_USER:=replicator}"
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"

# the replication password goes to a password file (primary_conninfo names the file, not the password);
# written on every start: it lives outside the data volume
passfile=/var/lib/postgresql/.pgpass
echo "*:*:*:$REPLICATION_USER:$REPLICATION_PASSWORD" >"$passfile"
chown postgres:postgres "$passfile"
chmod 600 "$passfile"
export PGPASSFILE=$passfile

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    until gosu postgres pg_isready -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -q; do
        echo "waiting for the primary $PRIMARY_HOST:$PRIMARY_PORT"
        sleep 2
    done
    echo "base backup of $PRIMARY_HOST:$PRIMARY_PORT into $PGDATA"
    gosu postgres pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" \
        -U "$REPLICATION_USER" -D "$PGDATA" -R -X stream --checkpoint=fast --progress
fi
exec docker-entrypoint.sh "$@"
