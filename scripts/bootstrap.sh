#!/usr/bin/env bash
# Prepare everything `make run` and `make test` need, once; later calls are fast no-ops.
#   1. Debian packages (apt-get when root, else one message listing what is missing)
#   2. PostgreSQL reachable, with a login role for the current OS user
#   3. Odoo 18.0 source tree ($ODOO_SRC, else the cache folder, else a shallow clone)
#   4. .venv with Odoo (editable) + Odoo's requirements + ours (requirements.txt)
#   5. .runtime/odoo.conf: machine-specific config derived from config/odoo.conf
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. scripts/lib.sh

VENV=$ROOT/.venv
RUNTIME=$ROOT/.runtime
mkdir -p "$RUNTIME"

# ---------------------------------------------------------------- 1. system packages
need_debs=()
for pkg in libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_debs+=("$pkg")
done
if ! pg_isready -q -h "$PGHOST_EFF" -p "$PGPORT_EFF" 2>/dev/null && ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    dpkg -s postgresql >/dev/null 2>&1 || need_debs+=(postgresql)
fi
if ((${#need_debs[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        step "installing Debian packages: ${need_debs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >"$RUNTIME/apt.log" 2>&1 \
            || die "apt-get install failed, see $RUNTIME/apt.log"
    else
        die "missing Debian packages; please run: sudo apt-get install ${need_debs[*]}"
    fi
fi

# ---------------------------------------------------------------- 2. PostgreSQL
if ! pg_isready -q -h "$PGHOST_EFF" -p "$PGPORT_EFF" 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql/*/main >/dev/null 2>&1; then
        ver=$(ls /etc/postgresql | sort -V | tail -1)
        step "starting local PostgreSQL cluster $ver/main"
        if [ "$(id -u)" = 0 ]; then
            pg_ctlcluster --skip-systemctl-redirect "$ver" main start
        else
            pg_ctlcluster "$ver" main start
        fi
        for _ in $(seq 20); do pg_isready -q -h "$PGHOST_EFF" -p "$PGPORT_EFF" && break; sleep 0.5; done
    fi
    pg_isready -q -h "$PGHOST_EFF" -p "$PGPORT_EFF" \
        || die "PostgreSQL does not answer on $PGHOST_EFF:$PGPORT_EFF (set PGHOST/PGPORT or start a server)"
fi
ME=$(id -un)
if [ -z "${PGUSER:-}" ] && ! psql -h "$PGHOST_EFF" -p "$PGPORT_EFF" -d postgres -Atc "select 1" >/dev/null 2>&1; then
    step "creating PostgreSQL role '$ME'"
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "psql -q -c \"CREATE ROLE \\\"$ME\\\" LOGIN CREATEDB\"" \
            || die "could not create PostgreSQL role $ME"
    else
        sudo -u postgres psql -q -c "CREATE ROLE \"$ME\" LOGIN CREATEDB" \
            || die "could not create PostgreSQL role $ME; ask your DBA for a role with CREATEDB"
    fi
fi

# ---------------------------------------------------------------- 3. Odoo source
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
    if [ -n "${ODOO_SRC_ENV:-}" ]; then
        die "ODOO_SRC=$ODOO_SRC holds no Odoo source tree (odoo-bin missing)"
    fi
    step "cloning Odoo 18.0 (shallow) into $ODOO_SRC"
    mkdir -p "$(dirname "$ODOO_SRC")"
    if ! git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_SRC" 2>&1 | sed 's/^/    /'; then
        rm -rf "$ODOO_SRC"
        die "no Odoo 18.0 source found and cloning it failed (offline?). Either set ODOO_SRC=/path/to/odoo-18.0, or put an Odoo 18.0 tree at ${XDG_CACHE_HOME:-$HOME/.cache}/odoo-src/18.0"
    fi
fi
grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" || die "$ODOO_SRC is not Odoo 18.0"

# ---------------------------------------------------------------- 4. virtualenv
PY=${PYTHON:-}
if [ -z "$PY" ]; then
    for cand in python3 python3.12 python3.11 python3.10; do
        if "$cand" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' >/dev/null 2>&1; then
            PY=$cand
            break
        fi
    done
    [ -n "$PY" ] || PY=python3
fi
pyver=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
case "$pyver" in
    3.10|3.11|3.12) ;;
    *) die "Odoo 18 supports Python 3.10 to 3.12; $PY is $pyver. Set PYTHON=/path/to/python3.12" ;;
esac
stamp_src=$(cat "$ODOO_SRC/requirements.txt" requirements.txt; echo "$ODOO_SRC $pyver setuptools-upgraded odoo-src-pth")
stamp_hash=$(printf '%s' "$stamp_src" | sha1sum | cut -c1-16)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.shop-stamp" 2>/dev/null)" != "$stamp_hash" ]; then
    step "creating virtualenv .venv (Python $pyver) and installing Odoo's and our requirements"
    [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
    echo "setuptools<81" >"$RUNTIME/pip-constraints.txt"
    export PIP_CONSTRAINT=$RUNTIME/pip-constraints.txt PIP_DISABLE_PIP_VERSION_CHECK=1
    # pip's own progress, less the noise; fails the script when pip fails
    pip_step() {
        "$VENV/bin/pip" install --progress-bar on "$@" 2>&1 \
            | { grep -v -e "^Requirement already" -e "WARNING: Location" -e "^Looking in" || true; } | sed 's/^/    /'
        [ "${PIPESTATUS[0]}" = 0 ] || die "pip install $* failed"
    }
    # --upgrade: the setuptools a new venv brings (65) has a pkg_resources that does not find zope.interface 8 by
    # its normalised name, and gevent's websocket process (workers > 0) dies at start on it
    "$VENV/bin/pip" install -q --progress-bar on --upgrade "setuptools<81" wheel
    pip_step -r "$ODOO_SRC/requirements.txt"
    "$VENV/bin/pip" install -q --no-deps --no-build-isolation -e "$ODOO_SRC"
    # the source folder on sys.path: setuptools' editable install is an import hook, which loses to the
    # odoo/addons folder the OCA wheels install, and `import odoo` broke outside odoo-bin (bench, pytest-odoo)
    "$VENV/bin/python" -c "import sysconfig; print(sysconfig.get_path('purelib'))" \
        | { read -r site && echo "$ODOO_SRC" >"$site/odoo-src.pth"; }
    pip_step -r requirements.txt
    echo "$stamp_hash" >"$VENV/.shop-stamp"
fi

# ---------------------------------------------------------------- 5. runtime config
"$VENV/bin/python" scripts/shoplib.py runtime-conf
