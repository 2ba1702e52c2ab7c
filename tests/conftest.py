"""Helpers of the repository tests: run Odoo's CLI on throwaway databases."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ODOO_SRC = os.environ.get("ODOO_SRC") or str(
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "odoo-src" / "18.0"
)
CONF = ROOT / ".runtime" / "odoo.conf"
PG = ["-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432")]
PREFIX = os.environ.get("SHOP_REPO_TEST_DB", "shop_repo_test")
# an ERROR or CRITICAL line, or demo data that failed (Odoo logs it as a WARNING and installs without demo)
BAD_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) |demo data failed to install", re.M)


def shop_addons():
    return sorted(p.parent.name for p in (ROOT / "addons").glob("shop_*/__manifest__.py"))


def manifest(addon):
    import ast

    return ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())


def external_deps():
    """Every dependency of our addons that is not one of ours."""
    ours = set(shop_addons())
    return sorted({d for a in ours for d in manifest(a)["depends"]} - ours)


class Odoo:
    def __init__(self, db):
        self.db = db

    def cli(self, *args, stdin=None):
        cmd = [
            str(ROOT / ".venv" / "bin" / "python"),
            f"{ODOO_SRC}/odoo-bin",
            *args[:1],
            "-c",
            str(CONF),
            "-d",
            self.db,
            "--http-port=8179",
            "--max-cron-threads=0",
            "--log-level=warn",
            *args[1:],
        ]
        proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT)
        return proc.returncode, proc.stdout + proc.stderr

    def install(self, addons, demo=False):
        args = ["server", "-i", ",".join(addons), "--stop-after-init"]
        if not demo:
            args.append("--without-demo=all")
        return self.cli(*args)

    def shell(self, code):
        return self.cli("shell", "--no-http", stdin=code)

    def drop(self):
        subprocess.run(["dropdb", "--if-exists", "--force", *PG, self.db], check=True)


def assert_clean(rc, log):
    bad = BAD_LINE.findall(log)
    assert rc == 0 and not bad, f"exit code {rc}, log:\n{log[-6000:]}"


@pytest.fixture(scope="session")
def template_db():
    """A database with every external dependency installed (no demo), copied for each test."""
    odoo = Odoo(f"{PREFIX}_tpl")
    odoo.drop()
    rc, log = odoo.install(external_deps())
    assert_clean(rc, log)
    yield odoo.db
    odoo.drop()


@pytest.fixture
def fresh_db(template_db, request):
    name = f"{PREFIX}_{request.node.name}"[:60].lower()
    name = re.sub(r"[^a-z0-9_]", "_", name)
    odoo = Odoo(name)
    odoo.drop()
    subprocess.run(["createdb", *PG, "-T", template_db, name], check=True)
    yield odoo
    odoo.drop()
