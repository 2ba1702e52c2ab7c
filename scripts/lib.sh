# shellcheck shell=bash
# Shared helpers for the scripts in this folder (sourced, not run). The settings come from scripts/shoplib.py,
# the one place that resolves them (also for the bench and the tests).

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() {
    printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2
    exit 1
}

# ODOO_SRC_ENV: the Odoo source was given ($ODOO_SRC), not the default one (bootstrap.sh won't clone it)
[ -n "${ODOO_SRC:-}" ] && export ODOO_SRC_ENV=1
# ODOO_SRC (not exported: a nested script tells a given one by ODOO_SRC_ENV), PGHOST_EFF, PGPORT_EFF,
# SHOP_DB_EFF (the database of `make run`), SHOP_ADDONS (every addon of the suite, comma-separated)
_shop_settings=$("${PYTHON:-python3}" "$(dirname "${BASH_SOURCE[0]}")/shoplib.py" shell) ||
    die "scripts/shoplib.py could not resolve the settings (PYTHON=${PYTHON:-python3})"
eval "$_shop_settings"
export PGHOST_EFF PGPORT_EFF
