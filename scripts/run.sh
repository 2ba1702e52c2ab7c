#!/usr/bin/env bash
# `make run`: prepare the machine (once), create the demo database (once), upgrade our addons
# when their files changed, and serve Odoo on http://localhost:8069.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
bash scripts/bootstrap.sh
ODOO_SRC=$(odoo_src_path)
DB=${SHOP_DB:-shop_demo}
PORT=${HTTP_PORT:-8069}
ODOO=(.venv/bin/python "$ODOO_SRC/odoo-bin" -c .runtime/odoo.conf -d "$DB" --http-port="$PORT")
addons=$(cd addons && ls -d shop_*/ | tr -d / | paste -sd, -)
hash_now=$(find addons -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
hash_file=.runtime/demo-$DB.sha1

if ! psql -h "$PGHOST_EFF" -p "$PGPORT_EFF" -d postgres -Atc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
    step "creating demo database '$DB' (pt_BR, Brazilian company, demo data): takes a few minutes once"
    "${ODOO[@]}" -i base --load-language=pt_BR --stop-after-init --log-level=warn
    .venv/bin/python scripts/demo_setup.py "$ODOO_SRC" "$DB" company
    # accounting first: it brings the Brazilian chart of accounts (l10n_br) and its journals, which the
    # addons' demo invoices need; installed in the same run, l10n_br would come after them
    "${ODOO[@]}" -i account --stop-after-init --log-level=warn
    step "installing $addons with demo data"
    "${ODOO[@]}" -i "$addons" --stop-after-init --log-level=warn
    .venv/bin/python scripts/demo_setup.py "$ODOO_SRC" "$DB" users
    echo "$hash_now" >"$hash_file"
elif [ "$(cat "$hash_file" 2>/dev/null)" != "$hash_now" ]; then
    step "our addons changed since the last run: upgrading $addons"
    "${ODOO[@]}" -u "$addons" -i "$addons" --stop-after-init --log-level=warn
    echo "$hash_now" >"$hash_file"
fi

cat <<MSG

  Shop suite running on http://localhost:$PORT  (database $DB; Ctrl-C stops it)

  Demo logins (login / password):
    owner (dono da loja)         dono / dono
    technician (técnico)         tecnico / tecnico
    cashier / billing (caixa)    caixa / caixa
    agenda (recepção)            agenda / agenda
    registry only (cadastro)     cadastro / cadastro
    portal customer              cliente / cliente
    administrator                admin / admin

MSG
exec "${ODOO[@]}"
