#!/usr/bin/env bash
# Build (once) or upgrade (when our addons changed) the demo database: what `make run` serves and what the
# end-to-end tests (tests/e2e) drive. Usage: build_demo_db.sh [DB]  (default $SHOP_DB, else shop_demo)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
DB=${1:-$SHOP_DB_EFF}
ODOO=(.venv/bin/python "$ODOO_SRC/odoo-bin" -c .runtime/odoo.conf -d "$DB" --max-cron-threads=0)
addons=$SHOP_ADDONS
hash_now=$(find addons -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
hash_file=.runtime/demo-$DB.sha1

if ! psql -h "$PGHOST_EFF" -p "$PGPORT_EFF" -d postgres -Atc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
    step "creating demo database '$DB' (pt_BR, Brazilian company, demo data): takes a few minutes once"
    "${ODOO[@]}" -i base --load-language=pt_BR --stop-after-init --log-level=warn
    .venv/bin/python scripts/demo_setup.py "$DB" company
    # accounting first: it brings the Brazilian chart of accounts (l10n_br) and its journals, which the
    # addons' demo invoices need; installed in the same run, l10n_br would come after them
    "${ODOO[@]}" -i account --stop-after-init --log-level=warn
    step "installing $addons with demo data"
    "${ODOO[@]}" -i "$addons" --stop-after-init --log-level=warn
    .venv/bin/python scripts/demo_setup.py "$DB" users
    echo "$hash_now" >"$hash_file"
elif [ "$(cat "$hash_file" 2>/dev/null)" != "$hash_now" ]; then
    installed=$(psql -h "$PGHOST_EFF" -p "$PGPORT_EFF" -d "$DB" -Atc \
        "select name from ir_module_module where state = 'installed' and name like 'shop\_%' order by name" |
        paste -sd, -)
    new=$(comm -23 <(tr , '\n' <<<"$addons" | sort) <(tr , '\n' <<<"$installed" | sort) | paste -sd, -)
    step "our addons changed since the last run: upgrading ${installed}${new:+, installing $new}"
    # -i only for addons not installed yet: Odoo loads the data of an -i addon in init mode, which would
    # re-apply its demo data over what the users did in the demo database
    "${ODOO[@]}" -u "$installed" ${new:+-i "$new"} --stop-after-init --log-level=warn
    echo "$hash_now" >"$hash_file"
fi
