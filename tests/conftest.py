"""Helpers of the repository tests: run Odoo's CLI on throwaway databases."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from shoplib import ROOT, drop_db, external_dependencies, odoo_cmd, odoo_install_cmd, pg_args

PREFIX = os.environ.get("SHOP_REPO_TEST_DB", "shop_repo_test")
# an ERROR or CRITICAL line, or demo data that failed (Odoo logs it as a WARNING and installs without demo)
BAD_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) |demo data failed to install", re.M)


class Odoo:
    """Odoo's command line on one database: (exit code, output) of each call."""

    OPTIONS = ("--http-port=8179", "--max-cron-threads=0", "--log-level=warn")

    def __init__(self, db):
        self.db = db

    def run(self, cmd, stdin=None):
        proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT)
        return proc.returncode, proc.stdout + proc.stderr

    def install(self, addons, demo=False):
        return self.run(odoo_install_cmd(self.db, addons, *self.OPTIONS, demo=demo))

    def shell(self, code):
        return self.run(odoo_cmd(self.db, *self.OPTIONS, "--no-http", command="shell"), stdin=code)

    def drop(self):
        drop_db(self.db)


def assert_clean(rc, log):
    bad = BAD_LINE.findall(log)
    assert rc == 0 and not bad, f"exit code {rc}, log:\n{log[-6000:]}"


@pytest.fixture(scope="session")
def template_db():
    """A database with every external dependency installed (no demo), copied for each test."""
    odoo = Odoo(f"{PREFIX}_tpl")
    odoo.drop()
    rc, log = odoo.install(external_dependencies())
    assert_clean(rc, log)
    yield odoo.db
    odoo.drop()


@pytest.fixture
def fresh_db(template_db, request):
    name = f"{PREFIX}_{request.node.name}"[:60].lower()
    name = re.sub(r"[^a-z0-9_]", "_", name)
    odoo = Odoo(name)
    odoo.drop()
    subprocess.run(["createdb", *pg_args(), "-T", template_db, name], check=True)
    yield odoo
    odoo.drop()
