# shellcheck shell=bash
# Shared helpers for the scripts in this folder (sourced, not run).

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() {
    printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2
    exit 1
}

# Where the Odoo source is: $ODOO_SRC, else ${XDG_CACHE_HOME:-$HOME/.cache}/odoo-src/18.0
odoo_src_path() {
    if [ -n "${ODOO_SRC:-}" ]; then
        ODOO_SRC_ENV=1
        echo "$ODOO_SRC"
    else
        echo "${XDG_CACHE_HOME:-$HOME/.cache}/odoo-src/18.0"
    fi
}
[ -n "${ODOO_SRC:-}" ] && export ODOO_SRC_ENV=1

PGHOST_EFF=${PGHOST:-127.0.0.1}
PGPORT_EFF=${PGPORT:-5432}
export PGHOST_EFF PGPORT_EFF

# The four addons of the suite, in dependency order.
SHOP_ADDONS=shop_stock_alerts,shop_repairs,shop_customer_scoring,shop_salon_schedule
