#!/usr/bin/env bash
# `make run`: prepare the machine (once), create the demo database (once), upgrade our addons
# when their files changed, and serve Odoo on http://localhost:8069.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
bash scripts/bootstrap.sh
DB=$SHOP_DB_EFF
PORT=${HTTP_PORT:-8069}
ODOO=(.venv/bin/python "$ODOO_SRC/odoo-bin" -c .runtime/odoo.conf -d "$DB" --http-port="$PORT")
bash scripts/build_demo_db.sh "$DB"

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

  Salon online booking (no login): http://localhost:$PORT/salon/book

MSG
exec "${ODOO[@]}"
